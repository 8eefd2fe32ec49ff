package org.contributionledger.api.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.ProblemDetail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads {@code ledger.commands} on every node (the nodes share its partitions as one consumer
 * group), one record after the other within a partition, and writes each record's result to
 * {@code ledger.commands.results}; a refused record also goes, as it came but without its key, to
 * the dead-letter topic with the reason in headers. A partition moves past a record only once the
 * record's command is committed to the database and its result and dead letter are acknowledged by
 * Kafka: after a crash the record is read again, and, commands being idempotent as over HTTP, it
 * records nothing twice.
 */
public class CommandConsumer implements SmartLifecycle {

    /** Dead-letter headers: the problem's type URI, status and detail, and where the record was read. */
    public static final String PROBLEM_TYPE = "ledger-problem-type";
    public static final String PROBLEM_STATUS = "ledger-problem-status";
    public static final String PROBLEM_DETAIL = "ledger-problem-detail";
    public static final String REQUEST_ID = "ledger-request-id";
    public static final String ORIGINAL_TOPIC = "ledger-original-topic";
    public static final String ORIGINAL_PARTITION = "ledger-original-partition";
    public static final String ORIGINAL_OFFSET = "ledger-original-offset";
    /** On every result: the HTTP status the command was answered with. */
    public static final String STATUS = "ledger-status";

    private static final Logger log = LoggerFactory.getLogger(CommandConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Supplier<Producer<String, byte[]>> producers;
    private final CommandRecordHandler handler;
    private final KafkaSettings.Topics topics;
    private final ObjectMapper json;

    private final Object sleeper = new Object();
    private volatile boolean running;
    private volatile Consumer<String, byte[]> current;
    private Thread thread;
    private int failuresInARow;

    public CommandConsumer(Supplier<Consumer<String, byte[]>> consumers, Supplier<Producer<String, byte[]>> producers,
                           CommandRecordHandler handler, KafkaSettings.Topics topics, ObjectMapper json) {
        this.consumers = consumers;
        this.producers = producers;
        this.handler = handler;
        this.topics = topics;
        this.json = json;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "ledger-commands");
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        Consumer<String, byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After Axon's own lifecycle (which starts at a lower phase): commands are read only once they can be handled. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private void run() {
        while (running) {
            try (Consumer<String, byte[]> consumer = consumers.get(); Producer<String, byte[]> producer = producers.get()) {
                current = consumer;
                consumer.subscribe(List.of(topics.commands()));
                while (running) {
                    pollOnce(consumer, producer);
                }
            } catch (WakeupException stopping) {
                // stop() woke the consumer; the loop ends.
            } catch (Exception failure) {
                // A new consumer starts from the offsets committed so far, so no record is skipped.
                log.warn("Reading commands from Kafka failed; records not yet done are read again: {}", failure.toString());
                pause();
            } finally {
                current = null;
            }
        }
    }

    private void pollOnce(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer) throws Exception {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        boolean undecided = false;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                CommandRecordHandler.Outcome outcome;
                try {
                    outcome = handler.handle(record);
                } catch (CommandRecordHandler.CommandNotDecided notDecided) {
                    log.warn("The database could not decide the command at {}-{}@{}; trying it again: {}",
                            record.topic(), record.partition(), record.offset(), notDecided.getMessage());
                    consumer.seek(partition, record.offset());
                    undecided = true;
                    break;
                }
                sends.add(producer.send(result(outcome)));
                if (outcome.refusal() != null) {
                    sends.add(producer.send(deadLetter(record, outcome)));
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
        if (undecided) {
            pause();
        } else {
            failuresInARow = 0;
        }
    }

    private ProducerRecord<String, byte[]> result(CommandRecordHandler.Outcome outcome) throws JsonProcessingException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.commandResults(), outcome.resultKey(),
                json.writeValueAsBytes(outcome.result()));
        record.headers().add(STATUS, bytes(Integer.toString(outcome.result().status())));
        return record;
    }

    /** The record as it came, without its key, and why it was refused. */
    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> refused,
                                                      CommandRecordHandler.Outcome outcome) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : refused.headers()) {
            if (!header.key().equalsIgnoreCase(CommandRecordHandler.AUTHORIZATION)) {
                headers.add(header);
            }
        }
        ProblemDetail problem = outcome.refusal();
        headers.add(PROBLEM_TYPE, bytes(String.valueOf(problem.getType())));
        headers.add(PROBLEM_STATUS, bytes(Integer.toString(problem.getStatus())));
        headers.add(PROBLEM_DETAIL, bytes(String.valueOf(problem.getDetail())));
        headers.add(REQUEST_ID, bytes(outcome.resultKey()));
        headers.add(ORIGINAL_TOPIC, bytes(refused.topic()));
        headers.add(ORIGINAL_PARTITION, bytes(Integer.toString(refused.partition())));
        headers.add(ORIGINAL_OFFSET, bytes(Long.toString(refused.offset())));
        return new ProducerRecord<>(topics.deadLetters(), null, refused.key(), refused.value(), headers);
    }

    /** Half a second after the first failure, doubling up to 30 s while failures go on; stop() ends it. */
    private void pause() {
        long millis = Math.min(LONGEST_PAUSE.toMillis(), 500L << Math.min(failuresInARow++, 6));
        try {
            synchronized (sleeper) {
                if (running) {
                    sleeper.wait(millis);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
