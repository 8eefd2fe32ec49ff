package org.contributionledger.api.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerJar;
import org.contributionledger.api.support.Reply;
import org.contributionledger.api.webhook.WebhookDeliveries;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ledger, as a real process started from the built jar on its default (embedded H2)
 * configuration, is killed with SIGKILL at random moments while three clients write to it: single
 * acts, 1,000-act batches, members and trust declarations, one at a time and in batches, and GitHub
 * deliveries of merged pull requests signed as GitHub signs them. After every kill it is started
 * again on the same files. At the end, every write the ledger acknowledged (2xx) must be in the
 * event store exactly once and visible through the API, and the views (statement, reciprocity,
 * stats) and the reputation must agree with the stored events. Writes that were in flight at the
 * kill may or may not be there; they only have to be consistent. A delivery in flight is delivered
 * again, as GitHub retries one it got no answer for; then every delivery is delivered once more,
 * and must get its first answer word for word and record nothing.
 * <p>
 * The kill moments and the clients' choices come from a seed, printed at the start; rerun one with
 * {@code -Dcrash.seed=...}. {@code -Dcrash.rounds=...} sets the number of kills (default 3).
 */
class CrashKeepsAcknowledgedWritesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = LedgerClient.ADMIN_KEY;
    private static final String COMMUNITY = "crash";
    private static final int FIRST_MEMBERS = 30;
    private static final int BATCH_ACTS = 1000;
    private static final String GITHUB_SECRET = "the-crash-test-github-secret";
    /** GitHub users {@code gh-0} ..., ids {@code 70000} ...: each becomes member {@code github:gh-<k>} at first sight. */
    private static final int GITHUB_USERS = 6;

    private final long seed = Long.getLong("crash.seed", System.nanoTime());
    private final int rounds = Integer.getInteger("crash.rounds", 3);

    /** What the ledger acknowledged: these must all survive. */
    private final List<String> members = new CopyOnWriteArrayList<>();
    private final Map<String, Act> acts = new ConcurrentHashMap<>();
    private final Set<String> singleActs = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> trust = new ConcurrentHashMap<>();
    /** Trust pairs ever sent, acknowledged or not: each pair is declared at most once. */
    private final Set<String> attemptedTrust = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicInteger batchesAcknowledged = new AtomicInteger();
    /** Every webhook delivery sent, answered or not, by delivery id. */
    private final Map<String, Delivery> deliveriesSent = new ConcurrentHashMap<>();
    /** The deliveries the ledger answered 2xx, with that answer: these must all survive, each once. */
    private final Map<String, JsonNode> deliveriesAnswered = new ConcurrentHashMap<>();
    private final AtomicInteger nextPullRequest = new AtomicInteger();

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        System.out.printf("CrashKeepsAcknowledgedWritesIT: seed %d, %d rounds (rerun with -Dcrash.seed=%d)%n",
                seed, rounds, seed);
        Random random = new Random(seed);
        Path dataDir = Path.of("target", "crash-it", Long.toString(seed)).toAbsolutePath();
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        int port = freePort();

        String key = null;
        for (int round = 1; round <= rounds; round++) {
            try (LedgerJar ledger = startLedger(dataDir, port)) {
                if (key == null) {
                    key = createCommunityWithMembers(ledger);
                }
                LedgerClient platform = ledger.client().withKey(key);
                int batchesBefore = batchesAcknowledged.get();
                Writer singles = new Writer("singles-" + round, new Random(random.nextLong()), w -> w.writeOne(platform));
                Writer batches = new Writer("batches-" + round, new Random(random.nextLong()), w -> w.writeBatch(platform));
                WebhookDeliveries github = new WebhookDeliveries(ledger.client(), COMMUNITY);
                Writer hooks = new Writer("webhooks-" + round, new Random(random.nextLong()), w -> w.deliverOne(github));
                singles.start();
                batches.start();
                hooks.start();
                // The kill comes at a random moment once the round's writes are flowing (a cold ledger on
                // a busy machine can take many seconds to answer its first batch): between the round's
                // first acknowledged 1,000-act batch and 2.5 s later, often in the middle of the next one.
                long firstBatchDeadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (batchesAcknowledged.get() == batchesBefore && System.nanoTime() < firstBatchDeadline
                        && batches.isAlive()) {
                    Thread.sleep(10);
                }
                Thread.sleep(random.nextInt(2500));
                ledger.kill();
                singles.finish();
                batches.finish();
                hooks.finish();
                System.out.printf("round %d: killed; acknowledged so far: %d members, %d acts, %d trust ties,"
                        + " %d webhook deliveries%n", round, members.size(), acts.size(), trust.size(),
                        deliveriesAnswered.size());
            }
        }

        assertThat(batchesAcknowledged.get()).as("1,000-act batches acknowledged before kills").isGreaterThanOrEqualTo(rounds);
        assertThat(singleActs).as("single acts acknowledged before kills").isNotEmpty();
        assertThat(trust).as("trust declarations acknowledged before kills").isNotEmpty();
        assertThat(deliveriesAnswered).as("webhook deliveries answered before kills").isNotEmpty();

        try (LedgerJar ledger = startLedger(dataDir, port)) {
            LedgerClient platform = ledger.client().withKey(key);
            WebhookDeliveries github = new WebhookDeliveries(ledger.client(), COMMUNITY);
            deliverAgainWhatGotNoAnswer(github);
            checkAcknowledgedWritesThroughTheApi(platform, random);
            Stored stored = readEventsThroughTheViews(platform);
            checkRedeliveriesGetTheFirstAnswerAndRecordNothing(platform, github);
            ledger.stop();
            Stored events = Stored.readEventStore(dataDir);
            checkAcknowledgedWritesAreStoredOnce(events);
            assertThat(stored).as("views and reputation against the event store").isEqualTo(events.expectedViews());
        }
    }

    /** The first start: the community and its first members, then the writers take over. */
    private String createCommunityWithMembers(LedgerJar ledger) {
        String key = ledger.client().createCommunity(COMMUNITY, "Crash test").apiKey();
        List<Map<String, String>> first = new ArrayList<>();
        for (int i = 0; i < FIRST_MEMBERS; i++) {
            first.add(Map.of("id", "m" + i, "displayName", "Member " + i));
        }
        ledger.client().withKey(key).post("/communities/" + COMMUNITY + "/members/batch", Map.of("members", first))
                .expect(200);
        first.forEach(member -> members.add(member.get("id")));
        // The community has no "code" category: merged pull requests are "help"; the other kinds are off.
        ledger.client().withKey(key).put("/communities/" + COMMUNITY + "/webhooks/github/settings", Map.of(
                "secret", GITHUB_SECRET, "kinds", Map.of("pull_request.merged", Map.of("category", "help"),
                        "pull_request_review.submitted", Map.of("enabled", false),
                        "discussion.answered", Map.of("enabled", false),
                        "sponsorship.created", Map.of("enabled", false)))).expect(200);
        assertThat(ledger.log()).contains("Durability: H2 writes each commit to the disk")
                .doesNotContain("DURABILITY AT RISK");
        return key;
    }

    // ---- writers ------------------------------------------------------------------------------

    private interface Step {
        void run(Writer writer) throws Exception;
    }

    /** A client thread that writes until the ledger goes away under it. */
    private final class Writer extends Thread {
        private final Random random;
        private final Step step;
        private volatile Throwable failure;

        Writer(String name, Random random, Step step) {
            super(name);
            this.random = random;
            this.step = step;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    step.run(this);
                }
            } catch (UncheckedIOException killed) {
                // The connection broke: the ledger was killed. Whatever was in flight is unacknowledged.
            } catch (Throwable e) {
                failure = e;
            }
        }

        /** Waits for the writer; a kill may only break connections, never produce a wrong answer. */
        void finish() throws InterruptedException {
            join();
            if (failure != null) {
                throw new AssertionError(getName() + " got a wrong answer before the kill", failure);
            }
        }

        private String member() {
            return members.get(random.nextInt(members.size()));
        }

        private Act act() {
            String giver = member();
            String receiver;
            do {
                receiver = member();
            } while (receiver.equals(giver));
            Act act = Act.of("a" + nextId.incrementAndGet(), giver, receiver)
                    .value(BigDecimal.valueOf(1 + random.nextInt(400), 2))
                    .occurredAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000_000)));
            return random.nextBoolean() ? act.recordedByReceiver() : act;
        }

        /** A pair that has never been declared, so that each declared level is the one in force. */
        private String[] freshPair() {
            while (true) {
                String truster = member();
                String trustee = member();
                if (!truster.equals(trustee) && !trust.containsKey(truster + ">" + trustee)
                        && !attemptedTrust.contains(truster + ">" + trustee)) {
                    attemptedTrust.add(truster + ">" + trustee);
                    return new String[] {truster, trustee};
                }
            }
        }

        private int level() {
            int level = random.nextInt(15) - 5; // -5..9, never 0
            return level >= 0 ? level + 1 : level;
        }

        /** One single act; every fifth step also a member, every third a trust declaration. */
        void writeOne(LedgerClient platform) {
            Act act = act();
            platform.record(COMMUNITY, act).expect(201);
            acts.put(act.id(), act);
            singleActs.add(act.id());
            int step = nextId.get();
            if (step % 5 == 0) {
                String id = "n" + nextId.incrementAndGet();
                platform.registerMember(COMMUNITY, id, "Member " + id).expect(201);
                members.add(id);
            }
            if (step % 3 == 0) {
                String[] pair = freshPair();
                int level = level();
                platform.declareTrust(COMMUNITY, pair[0], pair[1], level).expect(200);
                trust.put(pair[0] + ">" + pair[1], level);
            }
        }

        /** A batch of 1,000 valid acts, then a batch of 10 members and one of 20 trust declarations. */
        void writeBatch(LedgerClient platform) {
            List<Act> batch = Stream.generate(this::act).limit(BATCH_ACTS).toList();
            Reply reply = platform.recordBatch(COMMUNITY, batch).expect(200);
            assertThat(reply.at("/recorded").asInt()).as(reply.describe()).isEqualTo(BATCH_ACTS);
            batch.forEach(act -> acts.put(act.id(), act));
            batchesAcknowledged.incrementAndGet();

            List<Map<String, String>> newMembers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String id = "n" + nextId.incrementAndGet();
                newMembers.add(Map.of("id", id, "displayName", "Member " + id));
            }
            platform.post("/communities/" + COMMUNITY + "/members/batch", Map.of("members", newMembers)).expect(200);
            newMembers.forEach(member -> members.add(member.get("id")));

            List<Map<String, Object>> declarations = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String[] pair = freshPair();
                declarations.add(Map.of("truster", pair[0], "trustee", pair[1], "level", level()));
            }
            Reply declared = platform.post("/communities/" + COMMUNITY + "/trust/batch", Map.of("declarations", declarations))
                    .expect(200);
            assertThat(declared.at("/recorded").asInt()).as(declared.describe()).isEqualTo(declarations.size());
            declarations.forEach(d -> trust.put(d.get("truster") + ">" + d.get("trustee"), (Integer) d.get("level")));
        }

        /** One merged pull request between two of the GitHub users, signed as GitHub signs it, then a short pause. */
        void deliverOne(WebhookDeliveries github) throws InterruptedException {
            int author = random.nextInt(GITHUB_USERS);
            int merger = (author + 1 + random.nextInt(GITHUB_USERS - 1)) % GITHUB_USERS;
            Delivery delivery = Delivery.mergedPullRequest(nextPullRequest.incrementAndGet(), author, merger);
            deliveriesSent.put(delivery.id(), delivery);
            Reply reply = delivery.send(github).expect(200);
            assertThat(reply.text("/recorded/0")).as(reply.describe()).isEqualTo(delivery.actId());
            deliveriesAnswered.put(delivery.id(), reply.json());
            // Deliveries come one by one, as a platform's do; a few hundred per round are plenty.
            Thread.sleep(random.nextInt(20));
        }
    }

    /**
     * A GitHub delivery of a merged pull request: the sample payload of GitHub's documentation with
     * the pull request's number, author and merger set, so that each delivery is its own act.
     */
    record Delivery(String id, int number, String giver, String receiver, ObjectNode body) {

        static Delivery mergedPullRequest(int number, int author, int merger) {
            ObjectNode body = WebhookDeliveries.sample("github/octokit__pull_request_closed.payload.json");
            ObjectNode pullRequest = (ObjectNode) body.get("pull_request");
            pullRequest.put("number", number).put("merged", true).put("merged_at", "2026-02-01T10:00:00Z");
            pullRequest.putObject("user").put("login", "gh-" + author).put("id", 70000 + author);
            pullRequest.putObject("merged_by").put("login", "gh-" + merger).put("id", 70000 + merger);
            return new Delivery("pr-delivery-" + number, number, "github:gh-" + author, "github:gh-" + merger, body);
        }

        /** The sample's repository id, then the pull request's number. */
        String actId() {
            return "github:pr:186853002:" + number;
        }

        Reply send(WebhookDeliveries github) {
            return github.github(GITHUB_SECRET, "pull_request", id, body);
        }
    }

    // ---- checks -------------------------------------------------------------------------------

    /**
     * GitHub delivers again what it got no answer for: the delivery in flight at each kill answers
     * 200 now, with its act recorded (by this delivery, or by the one the kill cut off, whose answer
     * the ledger then gives again), and counts as answered from here on.
     */
    private void deliverAgainWhatGotNoAnswer(WebhookDeliveries github) {
        for (Delivery delivery : deliveriesSent.values()) {
            if (!deliveriesAnswered.containsKey(delivery.id())) {
                Reply reply = delivery.send(github).expect(200);
                assertThat(reply.text("/recorded/0")).as(reply.describe()).isEqualTo(delivery.actId());
                deliveriesAnswered.put(delivery.id(), reply.json());
            }
        }
    }

    /** Every delivery once more, as a platform's retry: its first answer word for word, and not one event more. */
    private void checkRedeliveriesGetTheFirstAnswerAndRecordNothing(LedgerClient platform, WebhookDeliveries github) {
        long events = exportedEvents(platform);
        deliveriesAnswered.forEach((id, firstAnswer) -> {
            Reply again = deliveriesSent.get(id).send(github).expect(200);
            assertThat(again.json()).as("delivery " + id + " again").isEqualTo(firstAnswer);
        });
        assertThat(exportedEvents(platform)).as("events after every delivery came again").isEqualTo(events);
    }

    private static long exportedEvents(LedgerClient platform) {
        return platform.get("/communities/" + COMMUNITY + "/export/events").expect(200).body().lines()
                .filter(line -> !line.isBlank()).count();
    }

    private void checkAcknowledgedWritesThroughTheApi(LedgerClient platform, Random random) {
        for (String member : members) {
            platform.member(COMMUNITY, member).expect(200);
        }
        List<String> sample = new ArrayList<>(singleActs);
        List<String> batched = acts.keySet().stream().filter(id -> !singleActs.contains(id)).sorted().toList();
        for (int i = 0; i < Math.min(300, batched.size()); i++) {
            sample.add(batched.get(random.nextInt(batched.size())));
        }
        for (String id : sample) {
            Act act = acts.get(id);
            JsonNode found = platform.contribution(COMMUNITY, id).expect(200).json();
            assertThat(found.path("giver").asText()).isEqualTo(act.get("giver"));
            assertThat(found.path("receiver").asText()).isEqualTo(act.get("receiver"));
            assertThat(found.path("value").decimalValue()).isEqualByComparingTo((BigDecimal) act.get("value"));
        }
        trust.forEach((pair, level) -> {
            String[] ends = pair.split(">");
            assertThat(platform.get("/communities/" + COMMUNITY + "/trust/" + ends[0] + "/" + ends[1]).expect(200)
                    .at("/level").asInt()).as(pair).isEqualTo(level);
        });
        for (String id : deliveriesAnswered.keySet()) {
            Delivery delivery = deliveriesSent.get(id);
            JsonNode found = platform.contribution(COMMUNITY, delivery.actId()).expect(200).json();
            assertThat(found.path("giver").asText()).as(delivery.actId()).isEqualTo(delivery.giver());
            assertThat(found.path("receiver").asText()).as(delivery.actId()).isEqualTo(delivery.receiver());
            assertThat(found.path("status").asText()).as(delivery.actId()).isEqualTo("CONFIRMED");
        }
    }

    private void checkAcknowledgedWritesAreStoredOnce(Stored events) {
        assertThat(events.duplicates()).as("acts recorded twice").isEmpty();
        assertThat(events.members()).containsAll(members);
        acts.forEach((id, act) -> {
            assertThat(events.acts()).as("acknowledged act " + id).containsKey(id);
            StoredAct stored = events.acts().get(id);
            assertThat(stored.giver()).isEqualTo(act.get("giver"));
            assertThat(stored.receiver()).isEqualTo(act.get("receiver"));
            assertThat(stored.value()).isEqualByComparingTo((BigDecimal) act.get("value"));
            assertThat(stored.confirmed()).isEqualTo("RECEIVER".equals(act.get("recordedBy")));
        });
        trust.forEach((pair, level) -> assertThat(events.trust()).as("acknowledged trust " + pair).containsEntry(pair, level));
        for (String id : deliveriesAnswered.keySet()) {
            Delivery delivery = deliveriesSent.get(id);
            assertThat(events.acts()).as("answered delivery " + id).containsKey(delivery.actId());
            StoredAct stored = events.acts().get(delivery.actId());
            assertThat(stored.giver()).isEqualTo(delivery.giver());
            assertThat(stored.receiver()).isEqualTo(delivery.receiver());
            assertThat(stored.value()).isEqualByComparingTo(BigDecimal.ONE);
            assertThat(stored.confirmed()).isTrue();
        }
    }

    /**
     * What the ledger's views and reputation say, in the shape {@link Stored#expectedViews()} derives
     * from the events: per member, the statement's act ids, reciprocity and reputation counts.
     */
    private Stored readEventsThroughTheViews(LedgerClient platform) throws InterruptedException {
        JsonNode stats = waitForUpToDateReputation(platform);
        Map<String, String> perMember = new TreeMap<>();
        Set<String> listed = new HashSet<>();
        for (String member : allMembers(platform, stats)) {
            listed.add(member);
            List<String> statement = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = platform.statement(COMMUNITY, member, cursor, 500).expect(200).json();
                page.path("entries").forEach(entry -> statement.add(entry.path("contributionId").asText()));
                cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            } while (cursor != null);
            JsonNode reciprocity = platform.reciprocity(COMMUNITY, member).expect(200).json();
            JsonNode reputation = platform.get("/communities/" + COMMUNITY + "/members/" + member + "/reputation")
                    .expect(200).json();
            perMember.put(member, Stored.memberLine(statement,
                    reciprocity.at("/given/count").asLong(), reciprocity.at("/given/value").decimalValue(),
                    reciprocity.at("/received/count").asLong(), reciprocity.at("/received/value").decimalValue(),
                    reciprocity.at("/pendingGiven/count").asLong(), reciprocity.at("/pendingReceived/count").asLong(),
                    reputation.at("/breadth/givenTo").asInt(), reputation.at("/breadth/receivedFrom").asInt(),
                    reputation.at("/character/trusts").asInt(), reputation.at("/character/trustedBy").asInt(),
                    reputation.at("/character/distrustReceived").asInt()));
        }
        String totals = Stored.totalsLine(stats.path("members").asLong(), stats.at("/acts/confirmed").asLong(),
                stats.at("/acts/pending").asLong(), stats.path("positiveTrustDeclarations").asLong(), stats.path("negativeTrustDeclarations").asLong(),
                stats.at("/network/trust/allTies").asLong(), stats.at("/network/trust/negativeTies").asLong());
        return new Stored(Set.copyOf(listed), Map.of(), Map.of(), List.of(), perMember, totals);
    }

    /** Members as the event store has them is checked separately; here: every member the stats count, by id. */
    private List<String> allMembers(LedgerClient platform, JsonNode stats) {
        Set<String> ids = new HashSet<>(members);
        // Members registered by requests the kill interrupted may be stored too: find them by their ids.
        for (int i = 1; i <= nextId.get(); i++) {
            if (!ids.contains("n" + i) && platform.member(COMMUNITY, "n" + i).status() == 200) {
                ids.add("n" + i);
            }
        }
        // The GitHub users each delivery registered at first sight.
        for (int k = 0; k < GITHUB_USERS; k++) {
            if (platform.member(COMMUNITY, "github:gh-" + k).status() == 200) {
                ids.add("github:gh-" + k);
            }
        }
        assertThat((long) ids.size()).as("members found by id against the stats' count").isEqualTo(stats.path("members").asLong());
        return ids.stream().sorted().toList();
    }

    private JsonNode waitForUpToDateReputation(LedgerClient platform) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonNode stats = platform.stats(COMMUNITY).expect(200).json();
            if (stats.at("/network/freshness/upToDate").asBoolean()) {
                return stats;
            }
            assertThat(System.nanoTime()).as("reputation catches up with the event store").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    // ---- the event store, read directly --------------------------------------------------------

    record StoredAct(String giver, String receiver, BigDecimal value, boolean confirmed) {
    }

    /**
     * The ledger's state either as the event store holds it or as the views show it; {@code perMember}
     * and {@code totals} are text so that a mismatch prints readably.
     */
    record Stored(Set<String> members, Map<String, StoredAct> acts, Map<String, Integer> trust, List<String> duplicates,
                  Map<String, String> perMember, String totals) {

        static String memberLine(List<String> statement, long givenCount, BigDecimal givenValue, long receivedCount,
                                 BigDecimal receivedValue, long pendingGiven, long pendingReceived, int givenTo,
                                 int receivedFrom, int trusts, int trustedBy, int distrustReceived) {
            return "statement " + statement.stream().sorted().toList() + ", given " + givenCount + "/"
                    + givenValue.stripTrailingZeros().toPlainString() + ", received " + receivedCount + "/"
                    + receivedValue.stripTrailingZeros().toPlainString() + ", pending " + pendingGiven + "/"
                    + pendingReceived + ", breadth " + givenTo + "/" + receivedFrom + ", trust " + trusts + "/"
                    + trustedBy + "/" + distrustReceived;
        }

        static String totalsLine(long members, long confirmed, long pending, long trustTies, long distrustTies,
                                 long networkTies, long networkNegative) {
            return "members " + members + ", acts " + confirmed + " confirmed " + pending + " pending, trust "
                    + trustTies + "/" + distrustTies + ", network trust " + networkTies + "/" + networkNegative;
        }

        /** Reads the events of the crash community from the H2 file of a stopped ledger. */
        static Stored readEventStore(Path dataDir) throws SQLException, IOException {
            Set<String> members = new HashSet<>();
            Map<String, StoredAct> acts = new HashMap<>();
            Map<String, Integer> trust = new HashMap<>();
            List<String> duplicates = new ArrayList<>();
            String url = "jdbc:h2:file:" + dataDir.resolve("ledger") + ";ACCESS_MODE_DATA=r";
            try (Connection connection = DriverManager.getConnection(url, "sa", "");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT payloadType, payload FROM DomainEventEntry ORDER BY globalIndex")) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    JsonNode event = JSON.readTree(new String(rows.getBytes(2), StandardCharsets.UTF_8));
                    if (!COMMUNITY.equals(event.path("communityId").asText())) {
                        continue;
                    }
                    switch (type.substring(type.lastIndexOf('.') + 1)) {
                        case "MemberRegistered" -> members.add(event.path("memberId").asText());
                        case "ContributionRecorded" -> {
                            StoredAct act = new StoredAct(event.path("giver").asText(), event.path("receiver").asText(),
                                    event.path("value").decimalValue(), "CONFIRMED".equals(event.path("status").asText()));
                            if (acts.put(event.path("contributionId").asText(), act) != null) {
                                duplicates.add(event.path("contributionId").asText());
                            }
                        }
                        case "TrustDeclared" -> trust.put(event.path("truster").asText() + ">"
                                + event.path("trustee").asText(), event.path("level").asInt());
                        default -> {
                            // Community, key and other events do not enter the checks.
                        }
                    }
                }
            }
            return new Stored(members, acts, trust, duplicates, Map.of(), "");
        }

        /** What the views and reputation must show for these events. */
        Stored expectedViews() {
            Map<String, String> perMember = new TreeMap<>();
            for (String member : members) {
                List<String> statement = new ArrayList<>();
                long givenCount = 0;
                long receivedCount = 0;
                long pendingGiven = 0;
                long pendingReceived = 0;
                BigDecimal givenValue = BigDecimal.ZERO;
                BigDecimal receivedValue = BigDecimal.ZERO;
                Set<String> givenTo = new HashSet<>();
                Set<String> receivedFrom = new HashSet<>();
                for (Map.Entry<String, StoredAct> entry : acts.entrySet()) {
                    StoredAct act = entry.getValue();
                    boolean gave = act.giver().equals(member);
                    boolean received = act.receiver().equals(member);
                    if (!gave && !received) {
                        continue;
                    }
                    statement.add(entry.getKey());
                    if (gave && act.confirmed()) {
                        givenCount++;
                        givenValue = givenValue.add(act.value());
                        givenTo.add(act.receiver());
                    } else if (gave) {
                        pendingGiven++;
                    }
                    if (received && act.confirmed()) {
                        receivedCount++;
                        receivedValue = receivedValue.add(act.value());
                        receivedFrom.add(act.giver());
                    } else if (received) {
                        pendingReceived++;
                    }
                }
                int trusts = 0;
                int trustedBy = 0;
                int distrustReceived = 0;
                for (Map.Entry<String, Integer> tie : trust.entrySet()) {
                    String[] ends = tie.getKey().split(">");
                    if (ends[0].equals(member) && tie.getValue() > 0) {
                        trusts++;
                    }
                    if (ends[1].equals(member)) {
                        if (tie.getValue() > 0) {
                            trustedBy++;
                        } else {
                            distrustReceived++;
                        }
                    }
                }
                perMember.put(member, memberLine(statement, givenCount, givenValue, receivedCount, receivedValue,
                        pendingGiven, pendingReceived, givenTo.size(), receivedFrom.size(), trusts, trustedBy,
                        distrustReceived));
            }
            long confirmed = acts.values().stream().filter(StoredAct::confirmed).count();
            long negative = trust.values().stream().filter(level -> level < 0).count();
            // The stats count declarations above and below 0 apart; the network counts every tie.
            String totals = totalsLine(members.size(), confirmed, acts.size() - confirmed, trust.size() - negative,
                    negative, trust.size(), negative);
            return new Stored(Set.copyOf(members), Map.of(), Map.of(), List.of(), perMember, totals);
        }
    }

    // ---- the ledger as a process ---------------------------------------------------------------

    /** {@code java -jar} on the built jar, with its own data folder and port, output to a log file. */
    /** The jar in its default configuration (embedded H2 in {@code dataDir}), up once it answers its health check. */
    private static LedgerJar startLedger(Path dataDir, int port) throws IOException, InterruptedException {
        LedgerJar ledger = LedgerJar.start(Map.of("LEDGER_DATA_DIR", dataDir.toString(), "LEDGER_ADMIN_KEY", ADMIN_KEY),
                port, dataDir.resolve("ledger-" + System.nanoTime() + ".log"));
        ledger.awaitUp("//actuator/health");
        return ledger;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
