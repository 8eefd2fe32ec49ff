package org.contributionledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contributionledger.api.kafka.CommandTopic.command;
import static org.contributionledger.api.kafka.CommandTopic.header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.TestLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Platforms sending commands through {@code ledger.commands} on a real (embedded, KRaft) broker:
 * each is served exactly as its HTTP call, its result lands on {@code ledger.commands.results}
 * under the client's id, poison records land on the dead-letter topic with their reason and do
 * not hold up the records after them, and acts sent twice, over Kafka and over HTTP, are recorded
 * once.
 */
class CommandsOnKafkaIT {

    private static final String COMMANDS = CommandTopic.COMMANDS;
    private static final String RESULTS = CommandTopic.RESULTS;
    private static final String DEAD_LETTERS = CommandTopic.DEAD_LETTERS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafkaKraftBroker broker;
    private static TestLedger ledger;
    private static LedgerClient admin;
    private static CommandTopic topic;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 2, COMMANDS, RESULTS, DEAD_LETTERS);
        broker.afterPropertiesSet();
        ledger = TestLedger.start(LedgerApiTest.newDataDir("kafka-commands"), Map.of(
                "ledger.kafka.bootstrap-servers", broker.getBrokersAsString(),
                "logging.level.org.apache.kafka", "ERROR"));
        admin = ledger.admin();
        topic = new CommandTopic(broker.getBrokersAsString());
    }

    @AfterAll
    static void stop() {
        if (topic != null) {
            topic.close();
        }
        if (ledger != null) {
            ledger.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void commandsAreServedAsOverHttpAndPoisonRecordsGoToTheDeadLetterTopic() throws Exception {
        String community = unique("kin");
        LedgerClient.Community created = admin.createCommunity(community, "Kafka in");
        String key = created.apiKey();
        String otherKey = admin.createCommunity(unique("other"), "Other").apiKey();
        String run = unique("run");

        // In one partition (keyed by community), good and poison records alternate.
        topic.send(community, key, command(run + "-members", "registerMembers", community, Map.of(),
                Map.of("members", List.of(member("ann"), member("ben"), member("cat")))));
        topic.sendRaw(community, key, run + "-not-json", "{\"operation\": \"recordContribution\", ".getBytes(StandardCharsets.UTF_8));
        topic.send(community, key, command(run + "-unknown", "payEveryone", community, Map.of(), Map.of()));
        topic.send(community, otherKey, command(run + "-other-key", "recordContribution", community, Map.of(),
                Act.of("stolen", "ann", "ben")));
        topic.send(community, "cl_" + "0".repeat(40), command(run + "-wrong-key", "recordContribution", community,
                Map.of(), Act.of("wrong", "ann", "ben")));
        topic.send(community, null, command(run + "-no-key", "recordContribution", community, Map.of(),
                Act.of("nokey", "ann", "ben")));
        topic.send(community, key, command(run + "-self", "recordContribution", community, Map.of(),
                Act.of("self", "ann", "ann")));
        topic.send(community, key, command(run + "-unknown-field", "recordContribution", community, Map.of(),
                Act.of("odd", "ann", "ben").with("status", "CONFIRMED")));
        topic.send(community, key, command(run + "-no-id", "confirmContribution", community, Map.of(), Map.of("by", "ben")));
        topic.send(community, key, command(run + "-act-1", "recordContribution", community, Map.of(),
                Act.of("act-1", "ann", "ben")));
        topic.send(community, key, command(run + "-confirm", "confirmContribution", community,
                Map.of("contributionId", "act-1"), Map.of("by", "ben")));
        topic.send(community, key, command(run + "-batch", "recordContributions", community, Map.of(), Map.of(
                "contributions", IntStream.range(2, 12).mapToObj(i -> Act.of("act-" + i, "ben", "cat")).toList())));
        topic.send(community, key, command(run + "-act-12", "recordContribution", community, Map.of(),
                Act.of("act-12", "cat", "ann")));
        topic.send(community, key, command(run + "-revoke", "revokeContribution", community,
                Map.of("contributionId", "act-12"), Map.of("by", "cat", "reason", "Sent by mistake")));
        topic.send(community, key, command(run + "-trust", "declareTrust", community,
                Map.of("truster", "ann", "trustee", "ben"), Map.of("level", 7)));
        topic.send(community, key, command(run + "-withdraw", "withdrawTrust", community,
                Map.of("truster", "ben", "trustee", "cat"), null));

        Map<String, String> deadLettered = Map.of(
                run + "-not-json", "malformed-json",
                run + "-unknown", "unknown-operation",
                run + "-other-key", "forbidden",
                run + "-wrong-key", "unauthorized",
                run + "-no-key", "unauthorized",
                run + "-self", "self-contribution-not-allowed",
                run + "-unknown-field", "unknown-field",
                run + "-no-id", "invalid-request");
        Map<String, Integer> served = new LinkedHashMap<>();
        served.put(run + "-members", 200);
        served.put(run + "-act-1", 201);
        served.put(run + "-confirm", 200);
        served.put(run + "-batch", 200);
        served.put(run + "-act-12", 201);
        served.put(run + "-revoke", 200);
        served.put(run + "-trust", 200);
        served.put(run + "-withdraw", 204);

        Set<String> withRequestIds = new HashSet<>(served.keySet());
        withRequestIds.addAll(deadLettered.keySet());
        withRequestIds.remove(run + "-not-json");
        Map<String, JsonNode> results = topic.results(withRequestIds);
        served.forEach((requestId, status) -> {
            JsonNode result = results.get(requestId);
            assertThat(result.path("status").asInt()).as("result of %s: %s", requestId, result).isEqualTo(status);
            assertThat(result.path("problem").isNull()).as("problem of %s", requestId).isTrue();
        });
        assertThat(results.get(run + "-act-1").at("/body/status").asText()).isEqualTo("PENDING");
        assertThat(results.get(run + "-batch").at("/body/recorded").asInt()).isEqualTo(10);
        assertThat(results.get(run + "-trust").at("/body/level").asInt()).isEqualTo(7);
        assertThat(results.get(run + "-self").at("/problem/status").asInt()).isEqualTo(422);
        assertThat(results.get(run + "-self").at("/problem/type").asText()).endsWith("/self-contribution-not-allowed");

        // A record that is not JSON has no id of the client's: its place in the topic names it.
        Map<String, ConsumerRecord<String, byte[]>> letterOf = new HashMap<>();
        for (ConsumerRecord<String, byte[]> letter : topic.read(DEAD_LETTERS, deadLettered.keySet(), CommandsOnKafkaIT::letterId)) {
            assertThat(letterOf.put(letterId(letter), letter)).as("a second dead letter for %s", letterId(letter)).isNull();
        }
        deadLettered.forEach((requestId, type) -> {
            ConsumerRecord<String, byte[]> letter = letterOf.get(requestId);
            assertThat(header(letter, CommandConsumer.PROBLEM_TYPE)).as("reason of %s", requestId).endsWith("/" + type);
            assertThat(header(letter, CommandConsumer.PROBLEM_DETAIL)).isNotBlank();
            assertThat(header(letter, CommandConsumer.ORIGINAL_TOPIC)).isEqualTo(COMMANDS);
            assertThat(header(letter, "note")).as("the record's own headers are kept").isEqualTo(requestId);
            assertThat(letter.key()).isEqualTo(community);
            assertThat(letter.headers().lastHeader(CommandRecordHandler.AUTHORIZATION))
                    .as("the key is not copied to the dead-letter topic").isNull();
        });
        assertThat(new String(letterOf.get(run + "-not-json").value(), StandardCharsets.UTF_8))
                .as("a dead letter holds the record as it came").isEqualTo("{\"operation\": \"recordContribution\", ");

        // The views say what the HTTP calls would have made of the same commands.
        LedgerClient platform = created.client();
        assertThat(platform.contribution(community, "act-1").expect(200).text("/status")).isEqualTo("CONFIRMED");
        assertThat(platform.contribution(community, "act-12").expect(200).text("/status")).isEqualTo("REVOKED");
        platform.contribution(community, "self").expectProblem(404, "not-found");
        platform.contribution(community, "stolen").expectProblem(404, "not-found");
        assertThat(platform.stats(community).expect(200).at("/acts/confirmed").asInt()).isEqualTo(1);
        assertThat(platform.get("/communities/" + community + "/trust/ann/ben").expect(200).at("/level").asInt())
                .isEqualTo(7);
        // The events carry the command's provenance: its request id and the key that sent it.
        String metaData = metaDataOf(community, "act-1");
        assertThat(metaData).contains(run + "-act-1").contains(created.apiKeyId());

        // The group moved past every record, poison ones included: nothing holds up the partition.
        awaitCommittedToEnd();
    }

    @Test
    void theSameActsSentTwiceOverKafkaAndOverHttpAreRecordedOnce() throws Exception {
        String community = unique("twice");
        LedgerClient.Community created = admin.createCommunity(community, "Twice");
        String key = created.apiKey();
        LedgerClient platform = created.client();
        for (String member : List.of("ann", "ben")) {
            platform.registerMember(community, member, member).expect(201);
        }
        List<Act> first = IntStream.range(0, 40).mapToObj(i -> Act.of("h-" + i, "ann", "ben")).toList();
        List<Act> second = IntStream.range(0, 40).mapToObj(i -> Act.of("k-" + i, "ben", "ann")).toList();
        String run = unique("run");

        // The first acts go over HTTP, then twice over Kafka; the second ones over Kafka first
        // (one batch), then one by one over Kafka, then over HTTP.
        platform.recordBatch(community, first).expect(200);
        Set<String> requestIds = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            for (Act act : first) {
                String requestId = run + "-" + round + "-" + act.id();
                requestIds.add(requestId);
                topic.send(community, key, command(requestId, "recordContribution", community, Map.of(), act));
            }
        }
        topic.send(community, key, command(run + "-batch", "recordContributions", community, Map.of(),
                Map.of("contributions", second)));
        requestIds.add(run + "-batch");
        for (Act act : second) {
            requestIds.add(run + "-again-" + act.id());
            topic.send(community, key, command(run + "-again-" + act.id(), "recordContribution", community, Map.of(), act));
        }
        Map<String, JsonNode> results = topic.results(requestIds);
        for (Act act : second) {
            platform.record(community, act).expect(200);
        }
        assertThat(platform.recordBatch(community, second).expect(200).at("/alreadyRecorded").asInt()).isEqualTo(40);

        assertThat(results.get(run + "-batch").at("/body/recorded").asInt()).isEqualTo(40);
        assertThat(results.get(run + "-batch").at("/body/alreadyRecorded").asInt()).isZero();
        results.forEach((requestId, result) -> {
            if (!requestId.equals(run + "-batch")) {
                assertThat(result.path("status").asInt()).as("a retry is answered 200: %s", result).isEqualTo(200);
            }
        });
        Integer recorded = ledger.bean(JdbcTemplate.class).queryForObject("""
                SELECT COUNT(*) FROM DomainEventEntry
                WHERE aggregateIdentifier LIKE ? AND payloadType LIKE '%ContributionRecorded'""",
                Integer.class, "%/" + community + "/%");
        assertThat(recorded).as("acts recorded").isEqualTo(80);
        assertThat(platform.statement(community, "ann", null, 200).expect(200).at("/entries").size()).isEqualTo(80);
    }

    // ---- helpers ------------------------------------------------------------------------------


    private static Map<String, String> member(String id) {
        return Map.of("id", id, "displayName", id.toUpperCase());
    }




    /** A dead letter's request id; the one record without an id of the client's is the one that is not JSON. */
    private static String letterId(ConsumerRecord<String, byte[]> letter) {
        String requestId = header(letter, CommandConsumer.REQUEST_ID);
        return requestId.startsWith("kafka-" + COMMANDS + "-") ? header(letter, "note") : requestId;
    }



    private static String metaDataOf(String community, String contributionId) {
        return ledger.bean(JdbcTemplate.class).query("""
                        SELECT metaData FROM DomainEventEntry
                        WHERE aggregateIdentifier LIKE ? AND payloadType LIKE '%ContributionRecorded'""",
                (row, n) -> new String(row.getBytes(1), StandardCharsets.UTF_8),
                "%/" + community + "/" + contributionId).stream().collect(Collectors.joining());
    }

    /** Waits until the ledger's consumer group has committed every partition of the commands topic to its end. */
    private static void awaitCommittedToEnd() throws Exception {
        try (AdminClient kafka = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            kafka.describeTopics(List.of(COMMANDS)).allTopicNames().get().get(COMMANDS).partitions()
                    .forEach(partition -> latest.put(new TopicPartition(COMMANDS, partition.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            kafka.listOffsets(latest).all().get().forEach((partition, end) -> ends.put(partition, end.offset()));
            Map<TopicPartition, Long> committed = new HashMap<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!committed.equals(ends) && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                committed.clear();
                kafka.listConsumerGroupOffsets("ledger-commands").partitionsToOffsetAndMetadata().get()
                        .forEach((partition, offset) -> committed.put(partition, offset == null ? -1 : offset.offset()));
                ends.keySet().forEach(partition -> committed.putIfAbsent(partition, 0L));
            }
            assertThat(committed).as("offsets committed by the ledger against the ends of %s", COMMANDS).isEqualTo(ends);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
