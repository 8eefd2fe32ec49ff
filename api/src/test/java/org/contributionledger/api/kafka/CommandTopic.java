package org.contributionledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A platform's side of {@code ledger.commands}: writes command records, reads results and dead letters. */
public final class CommandTopic implements AutoCloseable {

    public static final String COMMANDS = "ledger.commands";
    public static final String RESULTS = "ledger.commands.results";
    public static final String DEAD_LETTERS = "ledger.commands.dlq";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String brokers;
    private final KafkaProducer<String, byte[]> producer;

    public CommandTopic(String brokers) {
        this.brokers = brokers;
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(properties);
    }

    /** A record's value: the HTTP call written down. */
    public static Map<String, Object> command(String requestId, String operation, String community,
                                       Map<String, String> parameters, Object body) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("operation", operation);
        command.put("communityId", community);
        command.put("requestId", requestId);
        if (!parameters.isEmpty()) {
            command.put("parameters", parameters);
        }
        if (body != null) {
            command.put("body", body);
        }
        return command;
    }

    /** Sends a command under {@code recordKey} (the community, usually), with {@code apiKey} (if any) as its authorization. */
    public void send(String recordKey, String apiKey, Map<String, Object> command) throws Exception {
        sendRaw(recordKey, apiKey, (String) command.get("requestId"), JSON.writeValueAsBytes(command));
    }

    /** Sends any bytes; {@code note} goes into a header of the record's own, to find it again. */
    public void sendRaw(String recordKey, String apiKey, String note, byte[] value) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(COMMANDS, recordKey, value);
        if (apiKey != null) {
            record.headers().add(CommandRecordHandler.AUTHORIZATION, ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add("note", note.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    /** Each result for {@code requestIds} by its key (a record read twice has two results; the last counts). */
    public Map<String, JsonNode> results(Set<String> requestIds) throws Exception {
        Map<String, JsonNode> latest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : read(RESULTS, requestIds, ConsumerRecord::key)) {
            latest.put(record.key(), JSON.readTree(record.value()));
        }
        return latest;
    }

    /** Reads {@code topic} from the start until a record named by each of {@code ids} has arrived; returns those. */
    public List<ConsumerRecord<String, byte[]>> read(String topic, Set<String> ids,
                                              Function<ConsumerRecord<String, byte[]>, String> idOf) {
        Set<String> missing = new HashSet<>(ids);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
            while (!missing.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (ids.contains(idOf.apply(record))) {
                        records.add(record);
                        missing.remove(idOf.apply(record));
                    }
                }
            }
        }
        assertThat(missing).as("records that never arrived on %s", topic).isEmpty();
        return records;
    }

    /** Every record on {@code topic} so far. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records;
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(properties);
    }

    @Override
    public void close() {
        producer.close();
    }
}
