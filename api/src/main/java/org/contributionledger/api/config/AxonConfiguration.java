package org.contributionledger.api.config;

import java.time.Clock;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.contributionledger.api.Provenance;
import org.contributionledger.api.scaleout.ClusterProperties;
import org.contributionledger.core.community.Community;
import org.contributionledger.core.contribution.Contribution;
import org.contributionledger.core.member.Member;
import org.contributionledger.core.trust.Trust;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.history.StoredEventReader;
import org.contributionledger.query.reputation.ReplayProgress;
import org.contributionledger.query.reputation.ReplayingTokenStore;
import org.contributionledger.query.reputation.ReputationCheckpoints;
import org.contributionledger.query.reputation.ReputationProjection;
import org.contributionledger.query.reputation.RolledBackEvents;
import org.contributionledger.query.statement.ContributionViewProjection;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** The aggregates live in {@code core}, which knows nothing of Spring, so they are registered here. */
    @Bean
    public ConfigurerModule aggregates() {
        return configurer -> configurer
                .configureAggregate(Community.class)
                .configureAggregate(Member.class)
                .configureAggregate(Contribution.class)
                .configureAggregate(Trust.class);
    }

    /**
     * Reputation lives in memory and is rebuilt from the history at every start, so its processor
     * keeps its position in memory too: a stored position would skip the replay. Its token store
     * replays the history straight from the event table before the processor starts (see
     * ReplayingTokenStore: half the work per event of the processor's own read), from the stored
     * checkpoint of the reputation when there is one (ReputationCheckpoints). A batch handed again
     * after its transaction rolled back is not recorded twice (RolledBackEvents).
     */
    @Bean
    public ConfigurerModule reputationReplaysAtStart(JdbcTemplate jdbc, ReplayProgress progress,
                                                     ClusterProperties cluster, ReputationCheckpoints checkpoints,
                                                     ReputationProjection projection) {
        return configurer -> configurer.eventProcessing(processing -> processing.registerTokenStore(
                ReputationProjection.PROCESSING_GROUP, configuration -> new ReplayingTokenStore(
                        new StoredEventReader(jdbc, configuration.eventSerializer()), progress,
                        () -> configuration.eventProcessingConfiguration()
                                .eventProcessor(ReputationProjection.PROCESSING_GROUP, AbstractEventProcessor.class)
                                .orElseThrow().eventHandlerInvoker(),
                        cluster.maxGapOffset(), checkpoints))
                .registerHandlerInterceptor(ReputationProjection.PROCESSING_GROUP,
                        configuration -> new RolledBackEvents(projection)));
    }

    /** A checkpoint of the reputation every {@code ledger.reputation.checkpoint-every} positions of the store. */
    @Bean(destroyMethod = "close")
    public ReputationCheckpoints reputationCheckpoints(JdbcTemplate jdbc,
                                                       @Qualifier("eventSerializer") Serializer eventSerializer,
                                                       ReputationProjection projection, DirectoryProjection directory,
                                                       @Value("${ledger.reputation.checkpoint-every}") long every) {
        return new ReputationCheckpoints(jdbc, eventSerializer, projection, directory, every);
    }

    /**
     * The write side's lookup tables and the foundation's views share the command's transaction. A
     * failure there must fail the command (and roll everything back), never be logged and skipped:
     * Axon's default error handler would answer 2xx with the views silently missing the event.
     */
    @Bean
    public ConfigurerModule failCommandsWhoseViewsFail() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(DirectoryProjection.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(ContributionViewProjection.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }

    /**
     * Event times to the millisecond, as the event store keeps them: Axon writes the timestamp
     * column with millisecond precision, so a finer time would reach the live views (through
     * {@code @Timestamp}) and never the store, and views rebuilt or read as of a past position
     * (query.history) would differ from what the live views held. Set before the first event.
     */
    @Bean
    public ConfigurerModule eventTimesInMilliseconds() {
        return configurer -> GenericEventMessage.clock = Clock.tickMillis(ZoneOffset.UTC);
    }

    /** Copies each request's provenance from the command to every event it causes, so history says who asked, when. */
    @Bean
    public CorrelationDataProvider provenanceCorrelation() {
        return new SimpleCorrelationDataProvider(Provenance.KEY_ID, Provenance.REQUEST_ID, Provenance.RECEIVED_AT);
    }

    /**
     * The event store's connection is simply the current Spring transaction's. Axon's default wraps
     * it so that whichever unit of work first opens the connection also commits and rolls it back;
     * inside a batch that is a nested command, so a refused act rolled back the whole batch
     * transaction (and an accepted one committed it early) while the answer said otherwise. Spring's
     * transaction manager, which Axon attaches to every unit of work, owns the transaction instead.
     */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * A batch stores all its acts in one transaction, each act in a nested unit of work. A refused
     * act rolls back its own unit of work only; by default Spring would then mark the whole shared
     * transaction rollback-only, which would throw away the batch's accepted acts.
     */
    @Bean
    public JdbcTransactionManager transactionManager(DataSource dataSource) {
        JdbcTransactionManager manager = new JdbcTransactionManager(dataSource);
        manager.setGlobalRollbackOnParticipationFailure(false);
        return manager;
    }
}
