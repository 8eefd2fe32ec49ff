package org.contributionledger.api.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;

import io.cloudevents.CloudEvent;

/**
 * Publishes every stored event to the events topic. It runs in a tracking processor whose token
 * lives in the shared token store: the records of one batch of events are sent together, and the
 * batch's token is stored only once Kafka has acknowledged all of them. A send that fails fails
 * the batch, the token stays where it was and the processor sends the batch again: at least once,
 * never a gap.
 */
@ProcessingGroup(EventPublisher.PROCESSING_GROUP)
public class EventPublisher implements AutoCloseable {

    public static final String PROCESSING_GROUP = "kafka-events";

    private static final String SENDS = EventPublisher.class.getName() + ".sends";

    private final Supplier<Producer<String, CloudEvent>> producers;
    private final Serializer eventSerializer;
    private final String topic;
    private final AtomicLong failedBatches = new AtomicLong();
    private Producer<String, CloudEvent> producer;

    /**
     * @param producers opens a producer: after a failed batch the producer is closed and a new one
     *                  opened, so no record of the failed batch can still arrive after its resend
     */
    public EventPublisher(Supplier<Producer<String, CloudEvent>> producers, Serializer eventSerializer, String topic) {
        this.producers = producers;
        this.eventSerializer = eventSerializer;
        this.topic = topic;
    }

    @EventHandler
    public void publish(EventMessage<?> event, TrackingToken token) {
        CloudEvent cloudEvent = LedgerCloudEvents.of(event, token.position(),
                eventSerializer.serialize(event.getPayload(), byte[].class).getData());
        String community = LedgerCloudEvents.communityOf(event.getPayload());
        List<Future<RecordMetadata>> sends = sendsOfThisBatch();
        try {
            sends.add(producer().send(new ProducerRecord<>(topic, community, cloudEvent)));
        } catch (RuntimeException e) {
            discardProducer();
            throw new EventsNotPublished(e);
        }
    }

    /** The sends of the current batch, awaited before the batch's token is stored. */
    private List<Future<RecordMetadata>> sendsOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get();
        return batch.getOrComputeResource(SENDS, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private void awaitAcknowledgements(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            discardProducer();
            throw new EventsNotPublished(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardProducer();
            throw new EventsNotPublished(e);
        }
    }

    private synchronized Producer<String, CloudEvent> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    /** Batches Kafka did not acknowledge since the start (each was sent again from its token). */
    public long failedBatches() {
        return failedBatches.get();
    }

    private synchronized void discardProducer() {
        failedBatches.incrementAndGet();
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    /** Kafka did not acknowledge a record of the batch; the processor will send the batch again. */
    public static final class EventsNotPublished extends RuntimeException {
        EventsNotPublished(Throwable cause) {
            super("Kafka did not acknowledge every event of the batch; it will be sent again", cause);
        }
    }
}
