package org.contributionledger.api.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;

/**
 * Kafka, only when {@code ledger.kafka.bootstrap-servers} is set: without it none of these beans
 * exist and the ledger opens no connection to any broker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${ledger.kafka.bootstrap-servers:}'.isBlank()")
public class KafkaConfiguration {

    /** Events per batch: the records of a batch are sent together and acknowledged before its token is stored. */
    static final int EVENTS_PER_BATCH = 500;

    @Bean(destroyMethod = "close")
    public EventPublisher eventPublisher(KafkaSettings settings, @Qualifier("eventSerializer") Serializer eventSerializer,
                                         NamedParameterJdbcTemplate jdbc) {
        return new EventPublisher(() -> new KafkaProducer<String, CloudEvent>(producerProperties(settings)),
                eventSerializer, settings.topics().events(), eventIdentifiers -> globalPositions(jdbc, eventIdentifiers));
    }

    /** One indexed query per batch (the event identifier is unique), in the batch's own transaction. */
    static Map<String, Long> globalPositions(NamedParameterJdbcTemplate jdbc, List<String> eventIdentifiers) {
        EventSchema schema = new EventSchema();
        Map<String, Long> positions = new HashMap<>();
        jdbc.query("SELECT " + schema.eventIdentifierColumn() + ", " + schema.globalIndexColumn()
                        + " FROM " + schema.domainEventTable() + " WHERE " + schema.eventIdentifierColumn() + " IN (:ids)",
                Map.of("ids", eventIdentifiers),
                (RowCallbackHandler) row -> positions.put(row.getString(1), row.getLong(2)));
        return positions;
    }

    /**
     * One segment, one thread: a community's events then reach its partition in the order of the
     * event store. (Segments split by aggregate, not by community, so two segments could publish
     * one community's events out of order.) Its token lives in the shared token store, so after
     * any restart, on any node, publication resumes where it stopped. A failure must fail the
     * batch, not be logged and skipped as Axon's default handler would.
     */
    @Bean
    public ConfigurerModule eventPublicationProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(EventPublisher.PROCESSING_GROUP,
                        configuration -> configuration.eventStore(),
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(EVENTS_PER_BATCH))
                .registerListenerInvocationErrorHandler(EventPublisher.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }

    /**
     * Idempotent and {@code acks=all}: a record the broker acknowledged is on every in-sync replica,
     * and the producer's own retries neither double nor reorder records within a partition.
     */
    static Map<String, Object> producerProperties(KafkaSettings settings) {
        Map<String, Object> properties = new HashMap<>(settings.client());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "ledger-events");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        return properties;
    }
}
