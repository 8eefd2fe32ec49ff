package org.contributionledger.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The requests the benchmark sends to one server: a community and its members, then acts and
 * reads. Every act has its own id and valid members, so every request is accepted; a refusal
 * stops the benchmark rather than being counted as a fast answer.
 */
final class Workload {

    private static final Instant FIRST_ACT = Instant.parse("2020-01-01T00:00:00Z");

    private final Http admin;
    private final String community;
    private final int members;
    private final String base;
    private Http http;
    /** Acts sent so far: the next act's number. */
    private final AtomicLong actsSent = new AtomicLong();

    Workload(String url, String adminKey, String community, int members) {
        this.admin = new Http(url, adminKey);
        this.community = community;
        this.members = members;
        this.base = "/api/v1/communities/" + community;
    }

    void setUp() {
        String key = admin.post("/api/v1/communities", Map.of("id", community, "name", "Benchmark"))
                .path("apiKey").asText();
        http = admin.withKey(key);
        for (int from = 0; from < members; from += 1000) {
            List<Object> chunk = new ArrayList<>();
            for (int m = from; m < Math.min(members, from + 1000); m++) {
                chunk.add(Map.of("id", member(m), "displayName", "Member " + m));
            }
            http.post(base + "/members/batch", Map.of("members", chunk));
        }
        // Warm up both paths so that neither side's measurement pays for its JIT.
        for (int i = 0; i < 200; i++) {
            http.post(base + "/contributions", act(actsSent.getAndIncrement()));
        }
        sendBatches(1000, 1000, 1);
    }

    /** Acts per second stored through the batch endpoint. */
    double batchIngest(int acts, int batchSize, int clients) {
        return sendBatches(acts, batchSize, clients);
    }

    /** Sends {@code acts} in batches of {@code batchSize}; returns acts per second. */
    private double sendBatches(int acts, int batchSize, int clients) {
        long first = actsSent.getAndAdd(acts);
        int batches = (acts + batchSize - 1) / batchSize;
        double batchesPerSecond = Load.closedLoop(clients, batches, b -> {
            List<Object> chunk = new ArrayList<>();
            for (long n = first + b * batchSize; n < Math.min(first + acts, first + (b + 1) * batchSize); n++) {
                chunk.add(act(n));
            }
            long recorded = http.post(base + "/contributions/batch", Map.of("contributions", chunk))
                    .path("recorded").asLong();
            if (recorded != chunk.size()) {
                throw new IllegalStateException("A batch recorded " + recorded + " of " + chunk.size() + " acts");
            }
        });
        return batchesPerSecond * acts / batches;
    }

    /** Single POSTs per second, {@code clients} sending one after another. */
    double singleClosedLoop(int posts, int clients) {
        long first = actsSent.getAndAdd(posts);
        return Load.closedLoop(clients, posts, i -> http.post(base + "/contributions", act(first + i)));
    }

    /** Latencies of single POSTs offered at {@code rate} per second for {@code seconds}. */
    Latencies singleOpenLoop(int rate, int seconds) {
        long posts = (long) rate * seconds;
        long first = actsSent.getAndAdd(posts);
        Latencies latencies = new Latencies();
        Load.openLoop(rate, posts, 64, i -> http.post(base + "/contributions", act(first + i)),
                (i, nanos) -> latencies.add(nanos));
        return latencies;
    }

    /** Waits until every kind of read answers (the reputation is computed in the background). */
    void awaitReadsAnswer() throws InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        for (int kind = 0; kind < BenchCommand.Table.READS.size(); ) {
            Http.Answer answer = http.exchange("GET", read(kind, 0), null);
            if (answer.status() == 200) {
                kind++;
            } else if (System.nanoTime() > deadline) {
                throw new IllegalStateException(read(kind, 0) + " still answers " + answer.status() + ": "
                        + answer.body());
            } else {
                Thread.sleep(200);
            }
        }
    }

    /**
     * Latencies of one kind of read, offered alone at {@code rate} per second: each kind has its own
     * loop, so a slow kind shows in its own figures and does not queue the others behind it.
     */
    Latencies readsOpenLoop(String kind, int rate, int seconds) {
        int index = BenchCommand.Table.READS.indexOf(kind);
        Latencies latencies = new Latencies();
        Load.openLoop(rate, (long) rate * seconds, 64, i -> http.get(read(index, i)), (i, nanos) -> latencies.add(nanos));
        return latencies;
    }

    private String read(int kind, long n) {
        String member = member((int) (n % members));
        return switch (BenchCommand.Table.READS.get(kind)) {
            case "statement" -> base + "/members/" + member + "/statement";
            case "reciprocity" -> base + "/members/" + member + "/reciprocity";
            case "reputation" -> base + "/members/" + member + "/reputation";
            case "leaderboard" -> base + "/leaderboard";
            case "stats" -> base + "/stats";
            default -> throw new IllegalArgumentException(BenchCommand.Table.READS.get(kind));
        };
    }

    /** Sends batches, untimed, until {@code acts} acts were sent in all. */
    void fillStore(int acts, int batchSize, int clients) {
        long missing = acts - actsSent.get();
        if (missing > 0) {
            sendBatches((int) missing, batchSize, clients);
        }
    }

    /**
     * Rebuilds every view from the stored events and waits until it is done: the same admin
     * request on both sides (the shipped ledger's rebuild; on the baseline, Axon's reset of the
     * views' tracking processor).
     */
    Rebuilt rebuild(String side) throws InterruptedException {
        long start = System.nanoTime();
        JsonNode rebuild = admin.post("/api/v1/admin/rebuild", null);
        while (!rebuild.path("state").asText().equals("DONE")) {
            if (rebuild.path("state").asText().equals("FAILED")) {
                throw new IllegalStateException(side + ": the rebuild failed: " + rebuild.path("failure").asText());
            }
            Thread.sleep(50);
            rebuild = admin.get("/api/v1/admin/rebuild/" + rebuild.path("id").asText());
        }
        return new Rebuilt(rebuild.path("eventsDone").asLong(), (System.nanoTime() - start) / 1e9);
    }

    record Rebuilt(long events, double seconds) {
    }

    private String member(int m) {
        return "m" + m;
    }

    private Map<String, Object> act(long n) {
        int giver = (int) (n % members);
        int receiver = (int) ((giver + 1 + (n * 7919) % (members - 1)) % members);
        Map<String, Object> act = new LinkedHashMap<>();
        act.put("id", "act-" + n);
        act.put("giver", member(giver));
        act.put("receiver", member(receiver));
        act.put("category", "help");
        act.put("value", 1 + (int) (n % 5));
        act.put("occurredAt", FIRST_ACT.plusSeconds(n).toString());
        act.put("recordedBy", "RECEIVER");
        return act;
    }
}
