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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contributionledger.api.kafka.CommandTopic;
import org.contributionledger.api.kafka.LedgerCloudEvents;
import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerJar;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two ledger nodes, each a real process started from the built jar with the {@code postgres}
 * profile, share one PostgreSQL server and one Kafka broker (embedded, KRaft). Two platforms, one
 * through each node, write acts (batches and single acts), members and trust declarations into
 * two communities, so that the nodes meet on the same rows and each community's order on Kafka
 * means something; a third sends acts as command records to {@code ledger.commands}, which both
 * nodes serve. Once half of the acts are acknowledged, node B is killed with SIGKILL and started
 * again at once; node A's writer carries on to the end. At the end:
 * <ul>
 * <li>every acknowledged act, member and trust tie is in the event store, and every act in the
 * views, exactly once; so is every act of every command record, each of which has its result;</li>
 * <li>both nodes (B having rebuilt its reputation from the shared store) give the same statement,
 * reciprocity, stats and reputation answers, which match the stored events;</li>
 * <li>every stored event of both communities, so every acknowledged act's, is on
 * {@code ledger.events} at least once, none missing, in the community's order.</li>
 * </ul>
 * {@code -Dnodes.acts=...} sets the number of acts (default 8,000: some 16 batches of 500, half of
 * them before the kill, single acts and command records among them, which is all the checks need;
 * 20,000 took about 100 s on 2 cores); {@code -Dnodes.seed=...} replays one run's choices.
 */
class TwoNodesOnPostgresIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = LedgerClient.ADMIN_KEY;
    private static final List<String> COMMUNITIES = List.of("north", "south");
    private static final String EVENTS_TOPIC = "ledger.events";
    private static final int EVENTS_PARTITIONS = 3;
    private static final String READY = "//actuator/health/readiness";
    private static final int FIRST_MEMBERS = 40;
    private static final int BATCH_ACTS = 500;
    private static final int SINGLE_ACTS_PER_BATCH = 3;
    /** The variables each node gets here, as docker-compose.yml gives them (checked by ComposeFileTest). */
    static final Set<String> NODE_VARIABLES = Set.of("SPRING_PROFILES_ACTIVE", "LEDGER_DB_URL", "LEDGER_DB_USER",
            "LEDGER_DB_PASSWORD", "LEDGER_NODE_ID", "SERVER_PORT", "LEDGER_ADMIN_KEY", "LEDGER_KAFKA_BOOTSTRAP_SERVERS");

    private final long seed = Long.getLong("nodes.seed", System.nanoTime());
    private final int targetActs = Integer.getInteger("nodes.acts", 8_000);

    /** What the nodes acknowledged (2xx), per community: all of it must be stored, once. */
    private final Map<String, Written> written = new LinkedHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicInteger contentionAnswers = new AtomicInteger();
    private final List<LedgerJar> nodes = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private EmbeddedKafkaKraftBroker kafka;

    @AfterEach
    void stopEverything() throws Exception {
        for (LedgerJar node : nodes) {
            node.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Test
    void twoNodesOneKilledMidwayLoseAndDoubleNothingAgreeAndPublishEverything() throws Exception {
        System.out.printf("TwoNodesOnPostgresIT: seed %d, %d acts (rerun with -Dnodes.seed=%d)%n", seed, targetActs, seed);
        Random random = new Random(seed);
        Path workDir = Path.of("target", "two-nodes-it", Long.toString(seed)).toAbsolutePath();
        Files.createDirectories(workDir);
        long started = System.nanoTime();
        quietEmbeddedServers();
        postgres = EmbeddedPostgres.builder().start();
        kafka = new EmbeddedKafkaKraftBroker(1, EVENTS_PARTITIONS, EVENTS_TOPIC, CommandTopic.COMMANDS);
        kafka.afterPropertiesSet();
        Servers servers = new Servers(postgres.getJdbcUrl("postgres", "postgres"), kafka.getBrokersAsString(), workDir);

        LedgerJar a = LedgerNode.start("node-a", servers);
        nodes.add(a);
        LedgerJar b = LedgerNode.start("node-b", servers);
        nodes.add(b);
        a.awaitUp(READY);
        b.awaitUp(READY);
        assertThat(a.log()).contains("Cluster: node 'node-a'");
        assertAxonTablesAreTunedForPostgres();
        System.out.printf("two nodes ready after %d s%n", secondsSince(started));

        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, LedgerClient> platformsOnA = new LinkedHashMap<>();
        Map<String, LedgerClient> platformsOnB = new LinkedHashMap<>();
        for (String community : COMMUNITIES) {
            String key = a.client().createCommunity(community, community).apiKey();
            keys.put(community, key);
            platformsOnA.put(community, a.client().withKey(key));
            platformsOnB.put(community, b.client().withKey(key));
            List<Map<String, String>> first = new ArrayList<>();
            for (int i = 0; i < FIRST_MEMBERS; i++) {
                first.add(Map.of("id", "m" + i, "displayName", "Member " + i));
            }
            // The key and the members created through A are at once usable through B: one database.
            platformsOnB.get(community).post("/communities/" + community + "/members/batch", Map.of("members", first))
                    .expect(200);
            Written acknowledged = new Written();
            first.forEach(member -> acknowledged.members.add(member.get("id")));
            written.put(community, acknowledged);
        }

        long writing = System.nanoTime();
        // The writers start on different communities and take turns, so they meet on each now and then.
        Writer throughA = new Writer("writer-a", new Random(random.nextLong()), platformsOnA, 0);
        Writer throughB = new Writer("writer-b", new Random(random.nextLong()), platformsOnB, 1);
        ThroughKafka throughKafka = new ThroughKafka(new Random(random.nextLong()), kafka.getBrokersAsString(), keys);
        throughA.start();
        throughB.start();
        throughKafka.start();
        long halfDeadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (acknowledgedActs() < targetActs / 2 && System.nanoTime() < halfDeadline && throughB.isAlive()) {
            Thread.sleep(5);
        }
        b.kill();
        int atKill = acknowledgedActs();
        // B comes back while A's writer goes on: it rebuilds its reputation from the shared store
        // and follows A's writes; A has taken over B's processor segments meanwhile.
        LedgerJar restarted = LedgerNode.start("node-b", servers);
        nodes.add(restarted);
        throughB.finish();
        throughA.finish();
        throughKafka.finish();
        System.out.printf("node B killed at %d acknowledged acts; %d acts acknowledged in %d s (%d contention answers"
                        + " (503) retried)%n", atKill, acknowledgedActs(), secondsSince(writing), contentionAnswers.get());
        int overKafka = throughKafka.awaitResults();
        System.out.printf("%d acts in %d command records sent through Kafka, all served, after %d s%n", overKafka,
                throughKafka.sent.size(), secondsSince(started));
        assertThat(atKill).as("acts acknowledged before the kill").isGreaterThanOrEqualTo(targetActs / 2);
        assertThat(acknowledgedActs()).as("acts acknowledged in all").isGreaterThanOrEqualTo(targetActs);

        Map<String, Stored> stored = Stored.read(postgres);
        for (String community : COMMUNITIES) {
            Written acknowledged = written.get(community);
            Stored events = stored.get(community);
            assertThat(events.duplicates()).as(community + ": acts recorded twice").isEmpty();
            assertThat(events.members()).containsAll(acknowledged.members);
            acknowledged.acts.forEach((id, act) -> {
                assertThat(events.acts()).as(community + ": acknowledged act " + id).containsKey(id);
                assertThat(events.acts().get(id).value()).isEqualByComparingTo((BigDecimal) act.get("value"));
            });
            acknowledged.trust.forEach((pair, level) ->
                    assertThat(events.trust()).as(community + ": acknowledged trust " + pair).containsEntry(pair, level));
            assertThat(viewRows(community)).as(community + ": contribution_view against the recorded events")
                    .isEqualTo(events.acts().keySet());
        }
        System.out.printf("store and views checked after %d s%n", secondsSince(started));
        assertEveryStoredEventIsOnKafkaInItsCommunitysOrder(stored);
        System.out.printf("Kafka checked after %d s%n", secondsSince(started));

        restarted.awaitUp(READY);
        System.out.printf("restarted node B ready after %d s%n", secondsSince(started));
        for (String community : COMMUNITIES) {
            assertBothNodesAnswerAlike(community, stored.get(community), platformsOnA.get(community),
                    restarted.client().withKey(keys.get(community)));
        }
        System.out.printf("checked in %d s from the start%n", secondsSince(started));
    }

    /**
     * Once both nodes' reputation includes every stored event (freshness up to date), every answer
     * but the freshness itself must be the same on both, and match what the stored events imply.
     */
    private void assertBothNodesAnswerAlike(String community, Stored events, LedgerClient throughNodeA,
                                            LedgerClient throughNodeB) throws InterruptedException {
        JsonNode statsA = waitForUpToDateReputation(community, throughNodeA);
        JsonNode statsB = waitForUpToDateReputation(community, throughNodeB);
        assertThat(withoutFreshness(statsB)).as(community + ": stats of both nodes").isEqualTo(withoutFreshness(statsA));
        assertThat(statsA.at("/acts/confirmed").asLong()).isEqualTo(events.acts().size());
        assertThat(statsA.path("members").asLong()).isEqualTo(events.members().size());

        // Both nodes are asked at once: each answers from its own views and its own reputation engine.
        CompletableFuture<Answers> onB = CompletableFuture.supplyAsync(() -> perMember(community, throughNodeB, events.members()));
        Answers answersA = perMember(community, throughNodeA, events.members());
        Answers answersB = onB.join();
        assertThat(answersA.lines()).as(community + ": node A's answers against the stored events")
                .isEqualTo(events.expectedPerMember());
        assertThat(answersB.lines()).as(community + ": node B's answers against node A's").isEqualTo(answersA.lines());
        answersA.influence().forEach((member, scoreA) -> assertThat(answersB.influence().get(member))
                .as(community + ": influence of " + member + " on both nodes").isCloseTo(scoreA, within(1e-9)));
    }

    private int acknowledgedActs() {
        return written.values().stream().mapToInt(community -> community.acts.size()).sum();
    }

    /** The embedded broker and database log every step of their lives at INFO; their warnings are enough here. */
    private static void quietEmbeddedServers() {
        for (String logger : List.of("kafka", "org.apache.kafka", "state.change.logger", "io.zonky")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static long secondsSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toSeconds();
    }

    /** Where the nodes find the shared servers, and where they write their logs. */
    record Servers(String databaseUrl, String kafkaBootstrapServers, Path workDir) {
    }

    /** What one community's platforms had acknowledged. */
    private static final class Written {
        final List<String> members = new CopyOnWriteArrayList<>();
        final Map<String, Act> acts = new ConcurrentHashMap<>();
        final Map<String, Integer> trust = new ConcurrentHashMap<>();
        final Set<String> attemptedTrust = ConcurrentHashMap.newKeySet();
    }

    // ---- writers ------------------------------------------------------------------------------

    /** One platform writing through one node until the target is reached or the node dies. */
    private final class Writer extends Thread {
        private final Random random;
        private final Map<String, LedgerClient> platforms;
        private final int firstCommunity;
        private volatile Throwable failure;

        Writer(String name, Random random, Map<String, LedgerClient> platforms, int firstCommunity) {
            super(name);
            this.random = random;
            this.platforms = platforms;
            this.firstCommunity = firstCommunity;
        }

        @Override
        public void run() {
            try {
                for (int turn = firstCommunity; acknowledgedActs() < targetActs; turn++) {
                    String community = COMMUNITIES.get(turn % COMMUNITIES.size());
                    writeBatch(community);
                    for (int i = 0; i < SINGLE_ACTS_PER_BATCH; i++) {
                        writeOne(community);
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

        private void writeBatch(String community) {
            Written acknowledged = written.get(community);
            List<Act> batch = new ArrayList<>();
            for (int i = 0; i < BATCH_ACTS; i++) {
                batch.add(act(acknowledged));
            }
            Reply reply = untilNotContended(() -> platforms.get(community).recordBatch(community, batch)).expect(200);
            reply.at("/results").forEach(result ->
                    assertThat(result.has("problem")).as("batch item refused: %s", result).isFalse());
            batch.forEach(act -> acknowledged.acts.put(act.id(), act));
        }

        private void writeOne(String community) {
            Written acknowledged = written.get(community);
            LedgerClient platform = platforms.get(community);
            Act act = act(acknowledged);
            untilNotContended(() -> platform.record(community, act)).expect(201);
            acknowledged.acts.put(act.id(), act);
            if (random.nextInt(4) == 0) {
                String id = "n" + nextId.incrementAndGet();
                untilNotContended(() -> platform.registerMember(community, id, "Member " + id)).expect(201);
                acknowledged.members.add(id);
            }
            String[] pair = freshPair(acknowledged);
            int level = random.nextInt(10) + 1;
            untilNotContended(() -> platform.declareTrust(community, pair[0], pair[1], level)).expect(200);
            acknowledged.trust.put(pair[0] + ">" + pair[1], level);
        }

        private Act act(Written community) {
            return TwoNodesOnPostgresIT.this.act(random, community);
        }

        private String member(Written community) {
            return community.members.get(random.nextInt(community.members.size()));
        }

        private String[] freshPair(Written community) {
            while (true) {
                String truster = member(community);
                String trustee = member(community);
                if (!truster.equals(trustee) && community.attemptedTrust.add(truster + ">" + trustee)) {
                    return new String[] {truster, trustee};
                }
            }
        }
    }

    /**
     * A third platform, sending its acts as command records to {@code ledger.commands} while the
     * other two write over HTTP: single acts and, every tenth record, a batch. Records are keyed by
     * their request id, so they spread over the topic's partitions and both nodes serve some (the
     * killed node's partitions move to the other one, or back to it once restarted). A record is
     * the platform's to forget once Kafka has acknowledged it: each must be served, its acts stored
     * once.
     */
    private final class ThroughKafka extends Thread {
        private static final int RECORDS = 600;
        private static final int BATCH_ACTS = 20;

        private final Random random;
        private final Map<String, String> keys;
        private final CommandTopic topic;
        /** Request id to the community and the acts of each record Kafka acknowledged. */
        final Map<String, Map.Entry<String, List<Act>>> sent = new ConcurrentHashMap<>();
        private volatile Throwable failure;

        ThroughKafka(Random random, String brokers, Map<String, String> keys) {
            super("writer-kafka");
            this.random = random;
            this.keys = keys;
            this.topic = new CommandTopic(brokers);
        }

        @Override
        public void run() {
            try {
                // Spread over the time the HTTP writers take, so that some records meet the kill.
                for (int n = 0; n < RECORDS && acknowledgedActs() < targetActs; n++) {
                    String community = COMMUNITIES.get(n % COMMUNITIES.size());
                    Written acknowledged = written.get(community);
                    String requestId = "kafka-" + n;
                    List<Act> acts = new ArrayList<>();
                    Map<String, Object> command;
                    if (n % 10 == 9) {
                        for (int i = 0; i < BATCH_ACTS; i++) {
                            acts.add(act(random, acknowledged));
                        }
                        command = CommandTopic.command(requestId, "recordContributions", community, Map.of(),
                                Map.of("contributions", acts));
                    } else {
                        acts.add(act(random, acknowledged));
                        command = CommandTopic.command(requestId, "recordContribution", community, Map.of(), acts.get(0));
                    }
                    topic.send(requestId, keys.get(community), command);
                    sent.put(requestId, Map.entry(community, acts));
                    Thread.sleep(60);
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        void finish() throws InterruptedException {
            join(Duration.ofMinutes(2).toMillis());
            assertThat(isAlive()).as(getName() + " finished").isFalse();
            if (failure != null) {
                throw new AssertionError(getName() + " could not send", failure);
            }
        }

        /** Waits for every record's result; adds the served acts to what must be stored. Returns their number. */
        int awaitResults() throws Exception {
            try (topic) {
                Map<String, JsonNode> results = topic.results(sent.keySet());
                int acts = 0;
                for (var record : sent.entrySet()) {
                    JsonNode result = results.get(record.getKey());
                    List<Act> recordActs = record.getValue().getValue();
                    if (recordActs.size() == 1) {
                        // 200 when the record was served twice (its node died before noting it done).
                        assertThat(result.path("status").asInt()).as("result %s", result).isIn(200, 201);
                    } else {
                        assertThat(result.path("status").asInt()).as("result %s", result).isEqualTo(200);
                        assertThat(result.at("/body/rejected").asInt()).as("result %s", result).isZero();
                    }
                    Written acknowledged = written.get(record.getValue().getKey());
                    recordActs.forEach(act -> acknowledged.acts.put(act.id(), act));
                    acts += recordActs.size();
                }
                return acts;
            }
        }
    }

    /** Acts recorded by their receiver are confirmed at once: the reciprocity totals count them. */
    private Act act(Random random, Written community) {
        String giver = community.members.get(random.nextInt(community.members.size()));
        String receiver;
        do {
            receiver = community.members.get(random.nextInt(community.members.size()));
        } while (receiver.equals(giver));
        return Act.of("a" + nextId.incrementAndGet(), giver, receiver)
                .value(BigDecimal.valueOf(1 + random.nextInt(400), 2))
                .occurredAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000_000)))
                .recordedByReceiver();
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

    /** What one node answers about each member: a comparable line, and the influence score (a double). */
    record Answers(Map<String, String> lines, Map<String, Double> influence) {
    }

    private Answers perMember(String community, LedgerClient platform, Set<String> memberIds) {
        Map<String, String> lines = new TreeMap<>();
        Map<String, Double> influence = new TreeMap<>();
        for (String member : memberIds) {
            List<String> statement = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = platform.statement(community, member, cursor, 500).expect(200).json();
                page.path("entries").forEach(entry -> statement.add(entry.path("contributionId").asText()));
                cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            } while (cursor != null);
            JsonNode reciprocity = platform.reciprocity(community, member).expect(200).json();
            JsonNode reputation = reputation(community, platform, member);
            lines.put(member, line(new TreeSet<>(statement), statement.size(),
                    reciprocity.at("/given/count").asLong(), reciprocity.at("/given/value").decimalValue(),
                    reciprocity.at("/received/count").asLong(), reciprocity.at("/received/value").decimalValue(),
                    reputation.at("/breadth/givenTo").asInt(), reputation.at("/breadth/receivedFrom").asInt(),
                    reputation.at("/character/trusts").asInt(), reputation.at("/character/trustedBy").asInt()));
            influence.put(member, reputation.at("/influence/score").asDouble());
        }
        return new Answers(lines, influence);
    }

    private static JsonNode reputation(String community, LedgerClient platform, String member) {
        return platform.get("/communities/" + community + "/members/" + member + "/reputation").expect(200).json();
    }

    static String line(Set<String> statement, int entries, long givenCount, BigDecimal givenValue, long receivedCount,
                       BigDecimal receivedValue, int givenTo, int receivedFrom, int trusts, int trustedBy) {
        return "statement " + statement.size() + " acts (" + entries + " entries) " + statement.hashCode()
                + ", given " + givenCount + "/" + givenValue.stripTrailingZeros().toPlainString()
                + ", received " + receivedCount + "/" + receivedValue.stripTrailingZeros().toPlainString()
                + ", breadth " + givenTo + "/" + receivedFrom + ", trust " + trusts + "/" + trustedBy;
    }

    private static JsonNode waitForUpToDateReputation(String community, LedgerClient platform)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonNode stats = platform.stats(community).expect(200).json();
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

    // ---- ledger.events, read as a consumer would ---------------------------------------------

    /**
     * Reads the whole topic from the start until every stored event of both communities has
     * arrived. Publication is at least once: after the kill, the node that takes over the
     * publisher's segment sends again the batch whose token B had not stored, so a record may
     * repeat an earlier one. "In order per community" therefore means: the records keyed by the
     * community, each id taken at its first arrival (as a consumer deduplicating by id sees them),
     * are the community's stored events in their global order, with increasing positions.
     */
    private void assertEveryStoredEventIsOnKafkaInItsCommunitysOrder(Map<String, Stored> stored) {
        Map<String, Long> positions = new HashMap<>();
        Set<String> missing = new HashSet<>();
        for (String community : COMMUNITIES) {
            stored.get(community).events().forEach(event -> {
                positions.put(event.id(), event.position());
                missing.add(event.id());
            });
        }
        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int partition = 0; partition < EVENTS_PARTITIONS; partition++) {
                partitions.add(new TopicPartition(EVENTS_TOPIC, partition));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record);
                    missing.remove(record.value().getId());
                }
            }
        }
        assertThat(missing).as("stored events never published on " + EVENTS_TOPIC).isEmpty();

        for (String community : COMMUNITIES) {
            Set<Integer> partitions = new HashSet<>();
            LinkedHashSet<String> firstArrivals = new LinkedHashSet<>();
            records.stream().filter(record -> community.equals(record.key())).forEach(record -> {
                partitions.add(record.partition());
                firstArrivals.add(record.value().getId());
            });
            assertThat(partitions).as(community + ": partitions holding its records").hasSize(1);
            List<String> storedOrder = stored.get(community).events().stream().map(StoredEvent::id).toList();
            List<String> arrivalOrder = List.copyOf(firstArrivals);
            int firstDifference = 0;
            while (firstDifference < Math.min(storedOrder.size(), arrivalOrder.size())
                    && storedOrder.get(firstDifference).equals(arrivalOrder.get(firstDifference))) {
                firstDifference++;
            }
            int at = firstDifference;
            assertThat(arrivalOrder).as("%s: first arrivals against the stored order; from #%d on, stored %s, arrived %s",
                            community, at, positionsAround(storedOrder, at, positions), positionsAround(arrivalOrder, at, positions))
                    .isEqualTo(storedOrder);
        }
        Set<String> publishedActs = new HashSet<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            CloudEvent event = record.value();
            assertThat(event.getExtension(LedgerCloudEvents.POSITION)).as("position of " + event.getId())
                    .isEqualTo(Long.toString(positions.get(event.getId())));
            if (event.getType().equals("org.contributionledger.ContributionRecorded.v1")) {
                publishedActs.add(readJson(event.getData().toBytes()).path("contributionId").asText());
            }
        }
        for (String community : COMMUNITIES) {
            assertThat(publishedActs).as(community + ": acknowledged acts on " + EVENTS_TOPIC)
                    .containsAll(written.get(community).acts.keySet());
        }
        System.out.printf("%d records on %s for %d stored events%n", records.size(), EVENTS_TOPIC, positions.size());
    }

    /** The stored positions of a few events from {@code from} on: where two orders part, in a failure message. */
    private static List<Long> positionsAround(List<String> ids, int from, Map<String, Long> positions) {
        return ids.subList(Math.min(from, ids.size()), Math.min(from + 8, ids.size())).stream().map(positions::get).toList();
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private Set<String> viewRows(String community) throws Exception {
        Set<String> ids = new HashSet<>();
        List<String> all = new ArrayList<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT contribution_id FROM contribution_view WHERE community_id = '" + community + "'")) {
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

    /** One stored event: its identifier and its position in the global order. */
    record StoredEvent(String id, long position) {
    }

    /** One community's events as the shared event store holds them. */
    record Stored(List<StoredEvent> events, Set<String> members, Map<String, StoredAct> acts, Map<String, Integer> trust,
                  List<String> duplicates) {

        Stored() {
            this(new ArrayList<>(), new TreeSet<>(), new HashMap<>(), new HashMap<>(), new ArrayList<>());
        }

        /** Every event of the store, by the community its payload names, each community's in global order. */
        static Map<String, Stored> read(EmbeddedPostgres postgres) throws Exception {
            Map<String, Stored> communities = new HashMap<>();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT eventIdentifier, globalIndex, payloadType, payload"
                         + " FROM DomainEventEntry ORDER BY globalIndex")) {
                while (rows.next()) {
                    String type = rows.getString(3);
                    JsonNode event = JSON.readTree(new String(rows.getBytes(4), StandardCharsets.UTF_8));
                    Stored community = communities.computeIfAbsent(event.path("communityId").asText(), id -> new Stored());
                    community.events.add(new StoredEvent(rows.getString(1), rows.getLong(2)));
                    switch (type.substring(type.lastIndexOf('.') + 1)) {
                        case "MemberRegistered" -> community.members.add(event.path("memberId").asText());
                        case "ContributionRecorded" -> {
                            StoredAct act = new StoredAct(event.path("giver").asText(), event.path("receiver").asText(),
                                    event.path("value").decimalValue());
                            if (community.acts.put(event.path("contributionId").asText(), act) != null) {
                                community.duplicates.add(event.path("contributionId").asText());
                            }
                        }
                        case "TrustDeclared" -> community.trust.put(event.path("truster").asText() + ">"
                                + event.path("trustee").asText(), event.path("level").asInt());
                        default -> {
                            // Community and key events are checked on Kafka only.
                        }
                    }
                }
            }
            return communities;
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

    /** A node: the jar with the {@code postgres} profile, given exactly what docker-compose.yml gives each node. */
    private static final class LedgerNode {

        /** Starts the node; {@link LedgerJar#awaitUp} waits for it, so that two nodes start side by side. */
        static LedgerJar start(String nodeId, Servers servers) throws IOException {
            Map<String, String> variables = new HashMap<>();
            variables.put("SPRING_PROFILES_ACTIVE", "postgres");
            variables.put("LEDGER_DB_URL", servers.databaseUrl());
            variables.put("LEDGER_DB_USER", "postgres");
            variables.put("LEDGER_DB_PASSWORD", "");
            variables.put("LEDGER_NODE_ID", nodeId);
            variables.put("LEDGER_ADMIN_KEY", ADMIN_KEY);
            variables.put("LEDGER_KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrapServers());
            Set<String> given = new HashSet<>(variables.keySet());
            given.add("SERVER_PORT");
            assertThat(given).containsExactlyInAnyOrderElementsOf(NODE_VARIABLES);
            // Not read on PostgreSQL; keeps the embedded default's folder out of the working directory.
            variables.put("LEDGER_DATA_DIR", servers.workDir().resolve(nodeId + "-data").toString());
            return LedgerJar.start(variables, freePort(),
                    servers.workDir().resolve(nodeId + "-" + System.nanoTime() + ".log"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
