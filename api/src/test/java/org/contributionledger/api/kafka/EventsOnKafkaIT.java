package org.contributionledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.TestLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import kafka.server.BrokerServer;

/**
 * The ledger with Kafka switched on, against a real (embedded, KRaft) broker: every stored event
 * reaches {@code ledger.events}, in the event store's order within each community, and a broker
 * that goes away during publication loses nothing.
 */
class EventsOnKafkaIT {

    private static final String TOPIC = "ledger.events";
    private static final int PARTITIONS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafkaKraftBroker broker;
    private static TestLedger ledger;
    private static LedgerClient admin;

    @BeforeAll
    static void start() throws IOException {
        // A fixed port, so that the restarted broker is found where the clients left it (the test
        // kit's own port choice is not kept across a restart).
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, TOPIC);
        broker.brokerProperty("listeners", "EXTERNAL://localhost:" + freePort() + ",CONTROLLER://localhost:0");
        broker.afterPropertiesSet();
        ledger = TestLedger.start(LedgerApiTest.newDataDir("kafka-events"), Map.of(
                "ledger.kafka.bootstrap-servers", broker.getBrokersAsString(),
                // Sends give up after 3 s, so that an outage longer than that fails batches and
                // publication has to resume from the processor's stored token.
                "ledger.kafka.client[request.timeout.ms]", "1500",
                "ledger.kafka.client[delivery.timeout.ms]", "3000",
                "logging.level.org.apache.kafka", "ERROR",
                "logging.level.org.axonframework.eventhandling.TrackingEventProcessor", "ERROR"));
        admin = ledger.admin();
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void everyEventArrivesOnceAtLeastInTheOrderOfItsCommunity() throws Exception {
        List<String> communities = List.of(unique("north"), unique("south"), unique("east"));
        for (String community : communities) {
            LedgerClient platform = admin.createCommunity(community, community).client();
            platforms.put(community, platform);
            for (String member : List.of("ann", "ben", "cat")) {
                platform.registerMember(community, member, member).expect(201);
            }
        }
        // Interleaved writes to the three communities, so their events alternate in the store.
        for (int round = 0; round < 3; round++) {
            for (String community : communities) {
                List<Act> acts = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    acts.add(Act.of("act-" + round + "-" + i, i % 2 == 0 ? "ann" : "ben", "cat"));
                }
                platformOf(community).withRequestId("req-" + community + "-" + round)
                        .recordBatch(community, acts).expect(200);
            }
        }
        String north = communities.get(0);
        platformOf(north).declareTrust(north, "ann", "ben", 1).expect(200);

        Map<String, List<StoredEvent>> stored = new LinkedHashMap<>();
        communities.forEach(community -> stored.put(community, storedEvents(community)));
        List<ConsumerRecord<String, CloudEvent>> records = readUntilPublished(stored, Duration.ofSeconds(120));

        for (String community : communities) {
            assertThat(firstArrivals(records, community))
                    .as("the events of %s, in the order they were stored", community)
                    .containsExactlyElementsOf(stored.get(community).stream().map(StoredEvent::id).toList());
        }

        StoredEvent recorded = stored.get(north).stream()
                .filter(event -> event.payloadType().endsWith(".ContributionRecorded")).findFirst().orElseThrow();
        ConsumerRecord<String, CloudEvent> record = records.stream()
                .filter(r -> r.value().getId().equals(recorded.id())).findFirst().orElseThrow();
        CloudEvent event = record.value();
        assertThat(record.key()).isEqualTo(north);
        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getType()).isEqualTo("org.contributionledger.ContributionRecorded.v1");
        assertThat(event.getSource().toString()).isEqualTo("/communities/" + north);
        assertThat(event.getTime().toInstant()).isEqualTo(recorded.timestamp());
        assertThat(event.getExtension(LedgerCloudEvents.POSITION)).isEqualTo(Long.toString(recorded.position()));
        assertThat(event.getExtension(LedgerCloudEvents.REQUEST_ID)).isEqualTo("req-" + north + "-0");
        assertThat(event.getExtension(LedgerCloudEvents.KEY_ID)).isNotNull();
        assertThat(event.getExtension(LedgerCloudEvents.RECEIVED_AT)).isNotNull();
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        JsonNode data = JSON.readTree(new String(event.getData().toBytes(), StandardCharsets.UTF_8));
        assertThat(data.path("communityId").asText()).isEqualTo(north);
        assertThat(data.path("contributionId").asText()).isEqualTo("act-0-0");
        assertThat(data.path("giver").asText()).isEqualTo("ann");
    }

    @Test
    void aBrokerRestartedDuringPublicationLosesNothing() throws Exception {
        String community = unique("restart");
        LedgerClient platform = admin.createCommunity(community, "Restart").client();
        platform.registerMember(community, "ann", "Ann").expect(201);
        platform.registerMember(community, "ben", "Ben").expect(201);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean brokerBack = new AtomicBoolean();
        // Writes go on until the broker is back, whatever the machine's speed; one more follows.
        CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
            for (int b = 0; !brokerBack.get(); b++) {
                List<Act> acts = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    acts.add(Act.of("act-" + b + "-" + i, "ann", "ben"));
                }
                platform.recordBatch(community, acts).expect(200);
                acknowledged.incrementAndGet();
            }
        });
        while (acknowledged.get() < 3) {
            Thread.sleep(10);
        }
        long failedBefore = ledger.bean(EventPublisher.class).failedBatches();
        BrokerServer server = broker.getCluster().brokers().values().iterator().next();
        server.shutdown();
        server.awaitShutdown();
        int acknowledgedWhenDown = acknowledged.get();
        // Down until a publication batch has failed (its sends gave up after the delivery timeout)
        // and more writes have been acknowledged meanwhile; a deadline, not a fixed wait.
        EventPublisher publisher = ledger.bean(EventPublisher.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((publisher.failedBatches() == failedBefore || acknowledged.get() == acknowledgedWhenDown)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        int acknowledgedWhenBack = acknowledged.get();
        server.startup();
        brokerBack.set(true);
        writes.get();
        int batches = acknowledged.get();
        platform.recordBatch(community, List.of(Act.of("after", "ann", "ben"))).expect(200);

        // Writes went on while the broker was away: their events had to wait and be sent afterwards.
        assertThat(acknowledgedWhenBack).as("batches acknowledged while the broker was down")
                .isGreaterThan(acknowledgedWhenDown);
        assertThat(ledger.bean(EventPublisher.class).failedBatches())
                .as("batches that failed during the outage and were sent again from their token")
                .isGreaterThan(failedBefore);
        List<StoredEvent> stored = storedEvents(community);
        assertThat(stored).hasSize(2 + 2 + batches * 100 + 1);
        List<ConsumerRecord<String, CloudEvent>> records = readUntilPublished(Map.of(community, stored),
                Duration.ofSeconds(180));
        assertThat(firstArrivals(records, community))
                .containsExactlyElementsOf(stored.stream().map(StoredEvent::id).toList());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private final Map<String, LedgerClient> platforms = new HashMap<>();

    private LedgerClient platformOf(String community) {
        return platforms.get(community);
    }

    private String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    record StoredEvent(String id, long position, String payloadType, Instant timestamp) {
    }

    /** The community's events as the event store holds them, in their global order. */
    private static List<StoredEvent> storedEvents(String community) {
        return ledger.bean(org.springframework.jdbc.core.JdbcTemplate.class).query("""
                        SELECT eventIdentifier, globalIndex, payloadType, timeStamp FROM DomainEventEntry
                        WHERE aggregateIdentifier = ? OR aggregateIdentifier LIKE ? ORDER BY globalIndex""",
                (row, n) -> new StoredEvent(row.getString(1), row.getLong(2), row.getString(3),
                        Instant.parse(row.getString(4))),
                "community/" + community, "%/" + community + "/%");
    }

    /** Reads the whole topic from the start until every expected event has arrived (or the time is up). */
    private static List<ConsumerRecord<String, CloudEvent>> readUntilPublished(Map<String, List<StoredEvent>> expected,
                                                                               Duration patience) {
        Set<String> missing = new LinkedHashSet<>();
        expected.values().forEach(events -> events.forEach(event -> missing.add(event.id())));
        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(patience);
            while (!missing.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record);
                    missing.remove(record.value().getId());
                }
            }
        }
        assertThat(missing).as("stored events never published").isEmpty();
        return records;
    }

    /**
     * The ids of one community's records in the order of their partition, each at its first
     * arrival: a resent record may repeat an earlier one, which consumers skip by its id.
     */
    private static List<String> firstArrivals(List<ConsumerRecord<String, CloudEvent>> records, String community) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        Set<Integer> partitions = new java.util.HashSet<>();
        records.stream().filter(record -> community.equals(record.key())).forEach(record -> {
            partitions.add(record.partition());
            ids.add(record.value().getId());
        });
        assertThat(partitions).as("partitions holding %s", community).hasSize(1);
        return List.copyOf(ids);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
