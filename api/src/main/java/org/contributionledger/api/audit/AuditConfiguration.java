package org.contributionledger.api.audit;

import java.time.Clock;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.contributionledger.query.audit.ChainCheckpoints;
import org.contributionledger.query.audit.ChainVerifier;
import org.contributionledger.query.audit.CheckpointSignature;
import org.contributionledger.query.audit.EventChainProjection;
import org.contributionledger.query.audit.EventChainQueries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The tamper-evident hash chain (docs/audit.md): its processor, checkpoints and verification. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    /** Events per batch of the chain's processor: each batch is chained and committed together. */
    static final int EVENTS_PER_BATCH = 500;

    @Bean
    public CheckpointSignature checkpointSignature(@Value("${ledger.audit.hmac-key:}") String hmacKey) {
        return new CheckpointSignature(hmacKey);
    }

    @Bean
    public ChainCheckpoints chainCheckpoints(JdbcTemplate jdbc, CheckpointSignature signature) {
        return new ChainCheckpoints(jdbc, signature, Clock.systemUTC());
    }

    @Bean
    public EventChainProjection eventChainProjection(JdbcTemplate jdbc, ChainCheckpoints checkpoints,
                                                     @Value("${ledger.audit.checkpoint-every:10000}") long checkpointEvery) {
        return new EventChainProjection(jdbc, checkpoints, checkpointEvery);
    }

    @Bean
    public EventChainQueries eventChainQueries(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                               CheckpointSignature signature, ChainCheckpoints checkpoints) {
        return new EventChainQueries(new ChainVerifier(jdbc, transactions, signature), checkpoints);
    }

    /**
     * One segment, one thread: the chain is in global order, so one processor, on one node at a time,
     * extends it. Its token lives in the shared token store, in the same transaction as the chain
     * rows, so after a restart, on any node, chaining resumes exactly where it stopped. A failure
     * must fail the batch (to be retried), never be logged and skipped as Axon's default would.
     */
    @Bean
    public ConfigurerModule eventChainProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(EventChainProjection.PROCESSING_GROUP,
                        configuration -> configuration.eventStore(),
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(EVENTS_PER_BATCH))
                .registerListenerInvocationErrorHandler(EventChainProjection.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
