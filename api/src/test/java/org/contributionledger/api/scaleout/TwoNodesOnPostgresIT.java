package org.contributionledger.api.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two ledger nodes, each a real process started from the built jar with the {@code postgres}
 * profile, share one PostgreSQL server. Two platforms write acts (batches and single acts), members
 * and trust declarations into the same community, one through each node. Once half of the acts are
 * acknowledged, node B is killed with SIGKILL; node A's writer carries on to the end, then B is
 * started again. At the end: every acknowledged act is in the event store and in the views exactly
 * once, and both nodes (B having rebuilt its reputation from the shared store) give the same
 * statement, reciprocity, stats and reputation answers, which match the stored events.
 * <p>
 * {@code -Dnodes.acts=...} sets the number of acts (default 4,000, about 90 s on 2 cores; 20,000 took
 * 170 s, 84 s of them writing); {@code -Dnodes.seed=...} replays one run's choices.
 */
class TwoNodesOnPostgresIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = LedgerClient.ADMIN_KEY;
    private static final String COMMUNITY = "nodes";
    private static final Path JAR = Path.of("target", "contribution-ledger.jar");
    private static final int FIRST_MEMBERS = 40;
    private static final int BATCH_ACTS = 250;
    /** The variables each node gets here, as docker-compose.yml gives them (checked by ComposeFileTest). */
    static final Set<String> NODE_VARIABLES = Set.of("SPRING_PROFILES_ACTIVE", "LEDGER_DB_URL", "LEDGER_DB_USER",
            "LEDGER_DB_PASSWORD", "LEDGER_NODE_ID", "SERVER_PORT", "LEDGER_ADMIN_KEY");

    private final long seed = Long.getLong("nodes.seed", System.nanoTime());
    private final int targetActs = Integer.getInteger("nodes.acts", 4000);

    /** What the nodes acknowledged (2xx): all of it must be stored, once. */
    private final List<String> members = new CopyOnWriteArrayList<>();
    private final Map<String, Act> acts = new ConcurrentHashMap<>();
    private final Map<String, Integer> trust = new ConcurrentHashMap<>();
    private final Set<String> attemptedTrust = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicInteger contentionAnswers = new AtomicInteger();
    private final List<LedgerNode> nodes = new ArrayList<>();
    private EmbeddedPostgres postgres;

    @AfterEach
    void stopEverything() throws Exception {
        for (LedgerNode node : nodes) {
            node.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void twoNodesOneKilledMidwayLoseAndDoubleNothingAndAgree() throws Exception {
        System.out.printf("TwoNodesOnPostgresIT: seed %d, %d acts (rerun with -Dnodes.seed=%d)%n", seed, targetActs, seed);
        assertThat(JAR).as("the executable jar, built by the package phase").exists();
        Random random = new Random(seed);
        Path workDir = Path.of("target", "two-nodes-it", Long.toString(seed)).toAbsolutePath();
        Files.createDirectories(workDir);
        postgres = EmbeddedPostgres.builder().start();
        String url = postgres.getJdbcUrl("postgres", "postgres");

        long started = System.nanoTime();
        LedgerNode a = LedgerNode.start("node-a", url, freePort(), workDir);
        nodes.add(a);
        LedgerNode b = LedgerNode.start("node-b", url, freePort(), workDir);
        nodes.add(b);
        a.awaitReady();
        b.awaitReady();
        assertThat(a.log()).contains("Cluster: node 'node-a'");
        assertAxonTablesAreTunedForPostgres();
        System.out.printf("two nodes ready after %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());

        String key = a.client().createCommunity(COMMUNITY, "Two nodes").apiKey();
        List<Map<String, String>> first = new ArrayList<>();
        for (int i = 0; i < FIRST_MEMBERS; i++) {
            first.add(Map.of("id", "m" + i, "displayName", "Member " + i));
        }
        // The key and the members created through A are at once usable through B: one database.
        b.client().withKey(key).post("/communities/" + COMMUNITY + "/members/batch", Map.of("members", first)).expect(200);
        first.forEach(member -> members.add(member.get("id")));

        long writing = System.nanoTime();
        Writer throughA = new Writer("writer-a", new Random(random.nextLong()), a.client().withKey(key));
        Writer throughB = new Writer("writer-b", new Random(random.nextLong()), b.client().withKey(key));
        throughA.start();
        throughB.start();
        long halfDeadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (acts.size() < targetActs / 2 && System.nanoTime() < halfDeadline && throughB.isAlive()) {
            Thread.sleep(5);
        }
        b.kill();
        int atKill = acts.size();
        throughB.finish();
        throughA.finish();
        System.out.printf("node B killed at %d acknowledged acts; %d acts, %d members, %d trust ties acknowledged"
                        + " in %d s; %d contention answers (503) retried%n", atKill, acts.size(), members.size(),
                trust.size(), Duration.ofNanos(System.nanoTime() - writing).toSeconds(), contentionAnswers.get());
        assertThat(atKill).as("acts acknowledged before the kill").isGreaterThanOrEqualTo(targetActs / 2);
        assertThat(acts.size()).as("acts acknowledged in all").isGreaterThanOrEqualTo(targetActs);

        LedgerNode restarted = LedgerNode.start("node-b", url, freePort(), workDir);
        nodes.add(restarted);
        restarted.awaitReady();

        Stored events = Stored.read(postgres);
        assertThat(events.duplicates()).as("acts recorded twice").isEmpty();
        assertThat(events.members()).containsAll(members);
        acts.forEach((id, act) -> {
            assertThat(events.acts()).as("acknowledged act " + id).containsKey(id);
            assertThat(events.acts().get(id).value()).isEqualByComparingTo((BigDecimal) act.get("value"));
        });
        trust.forEach((pair, level) -> assertThat(events.trust()).as("acknowledged trust " + pair).containsEntry(pair, level));
        assertThat(viewRows()).as("contribution_view against the recorded events").isEqualTo(events.acts().keySet());

        LedgerClient throughNodeA = a.client().withKey(key);
        LedgerClient throughNodeB = restarted.client().withKey(key);
        JsonNode statsA = waitForUpToDateReputation(throughNodeA);
        JsonNode statsB = waitForUpToDateReputation(throughNodeB);
        assertThat(withoutFreshness(statsB)).as("stats of both nodes").isEqualTo(withoutFreshness(statsA));
        assertThat(statsA.at("/acts/confirmed").asLong()).isEqualTo(events.acts().size());
        assertThat(statsA.path("members").asLong()).isEqualTo(events.members().size());

        Map<String, String> expected = events.expectedPerMember();
        Map<String, String> answersA = perMember(throughNodeA, events.members());
        Map<String, String> answersB = perMember(throughNodeB, events.members());
        assertThat(answersA).as("node A's answers against the stored events").isEqualTo(expected);
        assertThat(answersB).as("node B's answers against node A's").isEqualTo(answersA);
        for (String member : events.members()) {
            double scoreA = reputation(throughNodeA, member).at("/influence/score").asDouble();
            double scoreB = reputation(throughNodeB, member).at("/influence/score").asDouble();
            assertThat(scoreB).as("influence of " + member + " on both nodes").isCloseTo(scoreA, within(1e-9));
        }
        System.out.printf("checked in %d s from the start%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    // ---- writers ------------------------------------------------------------------------------

    /** One platform writing through one node until the target is reached or the node dies. */
    private final class Writer extends Thread {
        private final Random random;
        private final LedgerClient platform;
        private volatile Throwable failure;

        Writer(String name, Random random, LedgerClient platform) {
            super(name);
            this.random = random;
            this.platform = platform;
        }

        @Override
        public void run() {
            try {
                while (acts.size() < targetActs) {
                    writeBatch();
                    for (int i = 0; i < 3; i++) {
                        writeOne();
                    }
                }
            } catch (UncheckedIOException killed) {
                // The connection broke: the node was killed. What was in flight is unacknowledged.
            } catch (Throwable e) {
                failure = e;
            }
        }

        void finish() throws InterruptedException {
            join(Duration.ofMinutes(5).toMillis());
            assertThat(isAlive()).as(getName() + " finished").isFalse();
            if (failure != null) {
                throw new AssertionError(getName() + " got a wrong answer", failure);
            }
        }

        private void writeBatch() {
            List<Act> batch = new ArrayList<>();
            for (int i = 0; i < BATCH_ACTS; i++) {
                batch.add(act());
            }
            Reply reply = untilNotContended(() -> platform.recordBatch(COMMUNITY, batch)).expect(200);
            reply.at("/results").forEach(result ->
                    assertThat(result.has("problem")).as("batch item refused: %s", result).isFalse());
            batch.forEach(act -> acts.put(act.id(), act));
        }

        private void writeOne() {
            Act act = act();
            untilNotContended(() -> platform.record(COMMUNITY, act)).expect(201);
            acts.put(act.id(), act);
            if (random.nextInt(4) == 0) {
                String id = "n" + nextId.incrementAndGet();
                untilNotContended(() -> platform.registerMember(COMMUNITY, id, "Member " + id)).expect(201);
                members.add(id);
            }
            String[] pair = freshPair();
            int level = random.nextInt(10) + 1;
            untilNotContended(() -> platform.declareTrust(COMMUNITY, pair[0], pair[1], level)).expect(200);
            trust.put(pair[0] + ">" + pair[1], level);
        }

        /** Acts recorded by their receiver are confirmed at once: the reciprocity totals count them. */
        private Act act() {
            String giver = member();
            String receiver;
            do {
                receiver = member();
            } while (receiver.equals(giver));
            return Act.of("a" + nextId.incrementAndGet(), giver, receiver)
                    .value(BigDecimal.valueOf(1 + random.nextInt(400), 2))
                    .occurredAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000_000)))
                    .recordedByReceiver();
        }

        private String member() {
            return members.get(random.nextInt(members.size()));
        }

        private String[] freshPair() {
            while (true) {
                String truster = member();
                String trustee = member();
                if (!truster.equals(trustee) && attemptedTrust.add(truster + ">" + trustee)) {
                    return new String[] {truster, trustee};
                }
            }
        }
    }

    /**
     * The two nodes contend for the community's rows in the database; a write refused after the
     * node's own retries is answered 503 with Retry-After and nothing recorded. A platform retries
     * it with the same ids, which is safe: writes are idempotent.
     */
    private Reply untilNotContended(Supplier<Reply> write) {
        for (int attempt = 1; ; attempt++) {
            Reply reply = write.get();
            if (reply.status() != 503 || attempt == 20) {
                return reply;
            }
            contentionAnswers.incrementAndGet();
            try {
                Thread.sleep(50L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- what the nodes answer ----------------------------------------------------------------

    private Map<String, String> perMember(LedgerClient platform, Set<String> memberIds) {
        Map<String, String> lines = new TreeMap<>();
        for (String member : memberIds) {
            List<String> statement = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = platform.statement(COMMUNITY, member, cursor, 500).expect(200).json();
                page.path("entries").forEach(entry -> statement.add(entry.path("contributionId").asText()));
                cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            } while (cursor != null);
            JsonNode reciprocity = platform.reciprocity(COMMUNITY, member).expect(200).json();
            JsonNode reputation = reputation(platform, member);
            lines.put(member, line(new TreeSet<>(statement), statement.size(),
                    reciprocity.at("/given/count").asLong(), reciprocity.at("/given/value").decimalValue(),
                    reciprocity.at("/received/count").asLong(), reciprocity.at("/received/value").decimalValue(),
                    reputation.at("/breadth/givenTo").asInt(), reputation.at("/breadth/receivedFrom").asInt(),
                    reputation.at("/character/trusts").asInt(), reputation.at("/character/trustedBy").asInt()));
        }
        return lines;
    }

    private static JsonNode reputation(LedgerClient platform, String member) {
        return platform.get("/communities/" + COMMUNITY + "/members/" + member + "/reputation").expect(200).json();
    }

    static String line(Set<String> statement, int entries, long givenCount, BigDecimal givenValue, long receivedCount,
                       BigDecimal receivedValue, int givenTo, int receivedFrom, int trusts, int trustedBy) {
        return "statement " + statement.size() + " acts (" + entries + " entries) " + statement.hashCode()
                + ", given " + givenCount + "/" + givenValue.stripTrailingZeros().toPlainString()
                + ", received " + receivedCount + "/" + receivedValue.stripTrailingZeros().toPlainString()
                + ", breadth " + givenTo + "/" + receivedFrom + ", trust " + trusts + "/" + trustedBy;
    }

    private static JsonNode waitForUpToDateReputation(LedgerClient platform) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonNode stats = platform.stats(COMMUNITY).expect(200).json();
            if (stats.at("/network/freshness/upToDate").asBoolean()) {
                return stats;
            }
            assertThat(System.nanoTime()).as("reputation catches up with the shared store").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Freshness is each node's own (when it computed, how long it took); everything else must agree. */
    private static JsonNode withoutFreshness(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("freshness");
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            strip(children.next());
        }
    }

    // ---- the shared database, read directly ---------------------------------------------------

    /** The postgres profile's afterMigrate.sql ran: what Axon's guide advises is in force. */
    private void assertAxonTablesAreTunedForPostgres() throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet sequence = statement.executeQuery("SELECT increment_by, cache_size FROM pg_sequences"
                    + " WHERE sequencename = pg_get_serial_sequence('domainevententry', 'globalindex')::regclass::text"
                    + " OR 'public.' || sequencename = pg_get_serial_sequence('domainevententry', 'globalindex')")) {
                assertThat(sequence.next()).as("the global index's sequence").isTrue();
                assertThat(sequence.getLong(1)).isEqualTo(1);
                assertThat(sequence.getLong(2)).isEqualTo(1);
            }
            try (ResultSet options = statement.executeQuery("SELECT reloptions FROM pg_class WHERE relname = 'tokenentry'")) {
                assertThat(options.next()).isTrue();
                assertThat(options.getString(1)).contains("fillfactor=50");
            }
            try (ResultSet types = statement.executeQuery("SELECT data_type FROM information_schema.columns"
                    + " WHERE table_name = 'domainevententry' AND column_name IN ('payload', 'metadata')")) {
                while (types.next()) {
                    assertThat(types.getString(1)).isEqualTo("bytea");
                }
            }
        }
    }

    private Set<String> viewRows() throws Exception {
        Set<String> ids = new HashSet<>();
        List<String> all = new ArrayList<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT contribution_id FROM contribution_view WHERE community_id = '" + COMMUNITY + "'")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
                all.add(rows.getString(1));
            }
        }
        assertThat(all).as("view rows").hasSameSizeAs(ids);
        return ids;
    }

    record StoredAct(String giver, String receiver, BigDecimal value) {
    }

    record Stored(Set<String> members, Map<String, StoredAct> acts, Map<String, Integer> trust, List<String> duplicates) {

        static Stored read(EmbeddedPostgres postgres) throws Exception {
            Set<String> members = new TreeSet<>();
            Map<String, StoredAct> acts = new HashMap<>();
            Map<String, Integer> trust = new HashMap<>();
            List<String> duplicates = new ArrayList<>();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
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
                                    event.path("value").decimalValue());
                            if (acts.put(event.path("contributionId").asText(), act) != null) {
                                duplicates.add(event.path("contributionId").asText());
                            }
                        }
                        case "TrustDeclared" -> trust.put(event.path("truster").asText() + ">"
                                + event.path("trustee").asText(), event.path("level").asInt());
                        default -> {
                            // Community and key events do not enter the checks.
                        }
                    }
                }
            }
            return new Stored(members, acts, trust, duplicates);
        }

        /** Every act here is confirmed (recorded by its receiver), so every act counts in the totals. */
        Map<String, String> expectedPerMember() {
            Map<String, String> lines = new TreeMap<>();
            for (String member : members) {
                Set<String> statement = new TreeSet<>();
                long givenCount = 0;
                long receivedCount = 0;
                BigDecimal givenValue = BigDecimal.ZERO;
                BigDecimal receivedValue = BigDecimal.ZERO;
                Set<String> givenTo = new HashSet<>();
                Set<String> receivedFrom = new HashSet<>();
                for (Map.Entry<String, StoredAct> entry : acts.entrySet()) {
                    StoredAct act = entry.getValue();
                    if (act.giver().equals(member)) {
                        statement.add(entry.getKey());
                        givenCount++;
                        givenValue = givenValue.add(act.value());
                        givenTo.add(act.receiver());
                    }
                    if (act.receiver().equals(member)) {
                        statement.add(entry.getKey());
                        receivedCount++;
                        receivedValue = receivedValue.add(act.value());
                        receivedFrom.add(act.giver());
                    }
                }
                long trusts = trust.entrySet().stream().filter(t -> t.getKey().startsWith(member + ">")).count();
                long trustedBy = trust.entrySet().stream().filter(t -> t.getKey().endsWith(">" + member)).count();
                lines.put(member, line(statement, statement.size(), givenCount, givenValue, receivedCount, receivedValue,
                        givenTo.size(), receivedFrom.size(), (int) trusts, (int) trustedBy));
            }
            return lines;
        }
    }

    // ---- one node: a real process from the jar, killable -------------------------------------

    private static final class LedgerNode implements AutoCloseable {
        private final Process process;
        private final Path log;
        private final int port;

        private LedgerNode(Process process, Path log, int port) {
            this.process = process;
            this.log = log;
            this.port = port;
        }

        /** Starts the node; {@link #awaitReady()} waits for it, so that two nodes start side by side. */
        static LedgerNode start(String nodeId, String databaseUrl, int port, Path workDir) throws IOException {
            Path log = workDir.resolve(nodeId + "-" + System.nanoTime() + ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("LEDGER_") || name.startsWith("SPRING_") || name.equals("SERVER_PORT"));
            // Exactly the variables the README and docker-compose.yml give each node.
            env.put("SPRING_PROFILES_ACTIVE", "postgres");
            env.put("LEDGER_DB_URL", databaseUrl);
            env.put("LEDGER_DB_USER", "postgres");
            env.put("LEDGER_DB_PASSWORD", "");
            env.put("LEDGER_NODE_ID", nodeId);
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("LEDGER_ADMIN_KEY", ADMIN_KEY);
            assertThat(env.keySet().stream().filter(name -> name.startsWith("LEDGER_") || name.startsWith("SPRING_")
                    || name.equals("SERVER_PORT")))
                    .containsExactlyInAnyOrderElementsOf(NODE_VARIABLES);
            // Not read on PostgreSQL; keeps the embedded default's folder out of the working directory.
            env.put("LEDGER_DATA_DIR", workDir.resolve(nodeId + "-data").toString());
            return new LedgerNode(builder.start(), log, port);
        }

        void awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("the node exited; its log:%n%s", log()).isTrue();
                try {
                    if (client().get("//actuator/health/readiness").status() == 200) {
                        return;
                    }
                } catch (UncheckedIOException notYetListening) {
                    // keep waiting
                }
                Thread.sleep(200);
            }
            throw new AssertionError("The node did not become ready within 3 minutes; its log:\n" + log());
        }

        LedgerClient client() {
            return LedgerClient.admin(port);
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SIGKILL: nothing runs in the node after it, no shutdown hook, no connection closed politely. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
