package org.contributionledger.api.kafka;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.contributionledger.api.contribution.ContributionController;
import org.contributionledger.api.member.MemberController;
import org.contributionledger.api.security.ApiKeyAuthenticationProvider;
import org.contributionledger.api.security.KeyUsage;
import org.contributionledger.api.trust.TrustController;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
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
        return new EventPublisher(() -> new KafkaProducer<String, CloudEvent>(
                producerProperties(settings, "ledger-events", CloudEventSerializer.class)),
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
     * Commands from Kafka are read and answered with the HTTP API's own JSON settings (the
     * converter's strict mapper): a body Kafka carries means what it would mean over HTTP.
     */
    @Bean
    public CommandConsumer commandConsumer(KafkaSettings settings, ContributionController contributions,
                                           TrustController trust, MemberController members,
                                           ApiKeyAuthenticationProvider keys, KeyUsage usage,
                                           MappingJackson2HttpMessageConverter http) {
        var handler = new CommandRecordHandler(new CommandOperations(contributions, trust, members, http.getObjectMapper()),
                keys, usage, http.getObjectMapper(), Clock.systemUTC());
        return new CommandConsumer(() -> new KafkaConsumer<>(consumerProperties(settings)),
                () -> new KafkaProducer<>(producerProperties(settings, "ledger-command-results", ByteArraySerializer.class)),
                handler, settings.topics(), http.getObjectMapper());
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
    static Map<String, Object> producerProperties(KafkaSettings settings, String clientId, Class<?> valueSerializer) {
        Map<String, Object> properties = new HashMap<>(settings.client());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer);
        return properties;
    }

    /**
     * Offsets are committed by hand, after the commands they cover (see {@link CommandConsumer});
     * a group seen for the first time starts at the beginning, so commands sent before the ledger
     * first ran are served too. Few records per poll: a record may be a batch of 1,000 acts. A
     * node that dies without leaving the group loses its partitions after 10 s (Kafka's default
     * is 45 s), as its event-processor segments move within seconds.
     */
    static Map<String, Object> consumerProperties(KafkaSettings settings) {
        Map<String, Object> properties = new HashMap<>(settings.client());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.commandsGroup());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        properties.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }
}
