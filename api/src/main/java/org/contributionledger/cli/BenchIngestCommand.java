package org.contributionledger.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures durable ingest through the HTTP API against a running ledger: the same kind of acts
 * posted one request (and one transaction) per act, as the baseline, and through the batch
 * endpoint, one transaction per batch. Both run in the same process, against the same server, in
 * the same run, into a fresh community.
 */
@Command(name = "bench-ingest", mixinStandardHelpOptions = true,
        description = "Benchmark act ingest over HTTP: one act per request (baseline) vs the batch endpoint.")
public class BenchIngestCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "${env:LEDGER_URL:-http://localhost:8080}")
    String url;

    @Option(names = "--admin-key", defaultValue = "${env:LEDGER_ADMIN_KEY}", description = "Admin key (default: $LEDGER_ADMIN_KEY).")
    String adminKey;

    @Option(names = "--members", defaultValue = "1000")
    int members;

    @Option(names = "--single", defaultValue = "2000", description = "Acts posted one per request (baseline).")
    int singleActs;

    @Option(names = "--acts", defaultValue = "50000", description = "Acts posted through the batch endpoint.")
    int batchActs;

    @Option(names = "--batch-size", defaultValue = "1000")
    int batchSize;

    @Option(names = "--clients", defaultValue = "2", description = "Concurrent HTTP clients in both phases.")
    int clients;

    @Override
    public Integer call() throws Exception {
        if (adminKey == null || adminKey.isBlank()) {
            System.err.println("No admin key: pass --admin-key or set LEDGER_ADMIN_KEY");
            return 2;
        }
        String community = "bench-" + System.currentTimeMillis();
        String key = new LedgerHttpClient(url, adminKey)
                .post("/api/v1/communities", Map.of("id", community, "name", "Ingest benchmark"))
                .path("apiKey").asText();
        LedgerHttpClient ledger = new LedgerHttpClient(url, key);
        String base = "/api/v1/communities/" + community;
        for (int from = 0; from < members; from += batchSize) {
            List<Object> chunk = new ArrayList<>();
            for (int m = from; m < Math.min(members, from + batchSize); m++) {
                chunk.add(Map.of("id", "m" + m, "displayName", "Member " + m));
            }
            ledger.post(base + "/members/batch", Map.of("members", chunk));
        }

        SplittableRandom random = new SplittableRandom(42);
        IntFunction<Map<String, Object>> act = i -> {
            int giver = random.split().nextInt(members);
            int receiver = (giver + 1 + new SplittableRandom(i).nextInt(members - 1)) % members;
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", "act-" + i);
            item.put("giver", "m" + giver);
            item.put("receiver", "m" + receiver);
            item.put("category", "help");
            item.put("value", 1 + Math.floorMod(i, 5));
            item.put("occurredAt", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i).toString());
            item.put("recordedBy", "RECEIVER");
            return item;
        };

        // Warm up the server's JIT on both paths so neither side pays for it in the measurement.
        for (int i = 0; i < 200; i++) {
            ledger.post(base + "/contributions", act.apply(-1 - i));
        }
        ledger.post(base + "/contributions/batch", Map.of("contributions",
                IntStream.range(0, batchSize).mapToObj(i -> act.apply(-1000 - i)).toList()));

        double singleRate = run(singleActs, 1, index -> ledger.post(base + "/contributions", act.apply(index)));
        double batchRate = run(batchActs, batchSize, from -> {
            List<Object> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(batchActs, from + batchSize); i++) {
                chunk.add(act.apply(singleActs + i));
            }
            long recorded = ledger.post(base + "/contributions/batch", Map.of("contributions", chunk))
                    .path("recorded").asLong();
            if (recorded != chunk.size()) {
                throw new IllegalStateException("A batch recorded " + recorded + " of " + chunk.size() + " acts");
            }
        });

        System.out.printf("%nDurable ingest over HTTP (%d clients, community %s)%n", clients, community);
        System.out.printf("%-40s %12s %12s%n", "path", "acts", "acts/s");
        System.out.printf("%-40s %,12d %,12.0f%n", "baseline: one act per request", singleActs, singleRate);
        System.out.printf("%-40s %,12d %,12.0f%n", "batch endpoint (" + batchSize + " acts/request)", batchActs,
                batchRate);
        System.out.printf("speed-up: %.1fx%n", batchRate / singleRate);
        return 0;
    }

    /** Splits {@code total} items into requests of {@code step}, spread over the clients; returns items per second. */
    private double run(int total, int step, Request request) throws Exception {
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (long from = next.getAndAdd(step); from < total; from = next.getAndAdd(step)) {
                    request.send((int) from);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / seconds;
    }

    @FunctionalInterface
    private interface Request {
        void send(int from);
    }
}
