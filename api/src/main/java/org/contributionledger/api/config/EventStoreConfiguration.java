package org.contributionledger.api.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.contributionledger.api.scaleout.ClusterProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC event store, as Axon's auto-configuration builds it, with one statement replaced.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 ClusterProperties cluster) {
        // Axon's default names, matching the Flyway migration V1__event_store.sql.
        EventSchema eventSchema = new EventSchema();
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .readEventDataWithGaps(EventStoreConfiguration::readEventDataWithGaps)
                // Several nodes commit in another order than they took global indexes: see ClusterProperties.
                .gapTimeout(Math.toIntExact(cluster.gapTimeout().toMillis()))
                .maxGapOffset(cluster.maxGapOffset())
                .build();
    }

    /**
     * Reads the next events of the stream plus the "gaps" (indexes of transactions that had not
     * committed when the reader passed them). Axon's statement says {@code (index > ? AND index <= ?)
     * OR index IN (...)}; H2 cannot use the primary key for that OR and scans the whole table, so
     * streaming processors fell further behind as the history grew (measured: seconds of lag at a
     * few thousand acts per second). Two indexed selects joined by UNION ALL read the same rows;
     * they cannot overlap, because every gap lies at or below the reader's position.
     */
    static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long globalIndex,
                                                   int batchSize, List<Long> gaps) throws SQLException {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String sql = select + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?"
                + " UNION ALL " + select + schema.globalIndexColumn() + " IN ("
                + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(3 + i, gaps.get(i));
        }
        return statement;
    }
}
