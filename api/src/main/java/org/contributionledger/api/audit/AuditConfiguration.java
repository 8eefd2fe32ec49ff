package org.contributionledger.api.audit;

import java.time.Clock;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
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
     * The chain's processor is tuned in application.yml (tracking, one segment). A failure must fail
     * the batch, to be retried from the same token, never be logged and skipped as Axon's default
     * would (the chain would still catch up with the next batch, but the failure would go unseen).
     */
    @Bean
    public ConfigurerModule eventChainFailuresFailTheBatch() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(EventChainProjection.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
