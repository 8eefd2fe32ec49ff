package org.contributionledger.api.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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

    private static final String EVENTS_OF_THE_BATCH = EventPublisher.class.getName() + ".events";

    private final Supplier<Producer<String, CloudEvent>> producers;
    private final Serializer eventSerializer;
    private final String topic;
    private final GlobalPositions globalPositions;
    private final AtomicLong failedBatches = new AtomicLong();
    private Producer<String, CloudEvent> producer;

    /**
     * Where stored events stand in the ledger's global order. The tracking token cannot tell: an
     * event whose transaction committed after later ones (another node's, or another community's
     * batch) reaches the processor as a filled gap, and its token carries the reader's position,
     * not the event's.
     */
    @FunctionalInterface
    public interface GlobalPositions {

        /** The global position of each of the given stored events, by event identifier. */
        Map<String, Long> of(List<String> eventIdentifiers);
    }

    /**
     * @param producers opens a producer: after a failed batch the producer is closed and a new one
     *                  opened, so no record of the failed batch can still arrive after its resend
     */
    public EventPublisher(Supplier<Producer<String, CloudEvent>> producers, Serializer eventSerializer, String topic,
                          GlobalPositions globalPositions) {
        this.producers = producers;
        this.eventSerializer = eventSerializer;
        this.topic = topic;
        this.globalPositions = globalPositions;
    }

    /** Collects the batch's events; they are sent together before its token is stored. */
    @EventHandler
    public void publish(EventMessage<?> event) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get();
        batch.<List<EventMessage<?>>>getOrComputeResource(EVENTS_OF_THE_BATCH, key -> {
            List<EventMessage<?>> events = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> send(events));
            return events;
        }).add(event);
    }

    /** Sends the batch's events in their order and waits until Kafka has acknowledged every one. */
    private void send(List<EventMessage<?>> events) {
        Map<String, Long> positions = globalPositions.of(events.stream().map(EventMessage::getIdentifier).toList());
        List<ProducerRecord<String, CloudEvent>> records = new ArrayList<>();
        for (EventMessage<?> event : events) {
            Long position = positions.get(event.getIdentifier());
            if (position == null) {
                throw new IllegalStateException("Event " + event.getIdentifier() + " is not in the event store");
            }
            CloudEvent cloudEvent = LedgerCloudEvents.of(event, OptionalLong.of(position),
                    eventSerializer.serialize(event.getPayload(), byte[].class).getData());
            records.add(new ProducerRecord<>(topic, LedgerCloudEvents.communityOf(event.getPayload()), cloudEvent));
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try {
            for (ProducerRecord<String, CloudEvent> record : records) {
                sends.add(producer().send(record));
            }
        } catch (RuntimeException e) {
            discardProducer();
            throw new EventsNotPublished(e);
        }
        awaitAcknowledgements(sends);
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
