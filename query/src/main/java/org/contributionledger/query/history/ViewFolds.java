package org.contributionledger.query.history;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.axonframework.serialization.Serializer;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.statement.ContributionViewProjection;
import org.contributionledger.query.trust.TrustViewProjection;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SQL views folded in memory: every view table's rows kept as objects by the fold of the
 * projection class that owns the table ({@code Fold} in {@link DirectoryProjection},
 * {@link ContributionViewProjection} and {@link TrustViewProjection}), then written once with batch
 * inserts. A rebuild then costs a map update per event instead of SQL statements per event. That
 * each fold changes its rows as its projection's handlers change the table is checked by
 * {@code ViewFoldsTest} against {@link ViewProjections}, the per-event form.
 *
 * <p>A new SQL view table is added here as well as to {@link ViewProjections} and its processing group.
 */
final class ViewFolds {

    /** Rows per JDBC batch when the folded rows are written. */
    static final int BATCH = 1_000;

    private final DirectoryProjection.Fold directory;
    private final ContributionViewProjection.Fold contributions = new ContributionViewProjection.Fold();
    private final TrustViewProjection.Fold trust = new TrustViewProjection.Fold();

    ViewFolds(ObjectMapper json) {
        this.directory = new DirectoryProjection.Fold(json);
    }

    /** The payload types (as the serializer names them) of every event some fold handles: the rest need not be read. */
    static Set<String> payloadTypes(Serializer serializer) {
        Set<Class<?>> classes = new HashSet<>(DirectoryProjection.Fold.EVENTS);
        classes.addAll(ContributionViewProjection.Fold.EVENTS);
        classes.addAll(TrustViewProjection.Fold.EVENTS);
        Set<String> names = new HashSet<>();
        classes.forEach(type -> names.add(serializer.typeForClass(type).getName()));
        return Set.copyOf(names);
    }

    /** Hands the event to every fold that handles its type. */
    void on(Object event, Instant at) {
        Class<?> type = event.getClass();
        if (DirectoryProjection.Fold.EVENTS.contains(type)) {
            directory.on(event, at);
        }
        if (ContributionViewProjection.Fold.EVENTS.contains(type)) {
            contributions.on(event, at);
        }
        if (TrustViewProjection.Fold.EVENTS.contains(type)) {
            trust.on(event);
        }
    }

    /** Inserts every folded row into the (empty) view tables of {@code views}; returns the number of rows. */
    long insertInto(JdbcTemplate views) {
        return directory.insertInto(views, BATCH) + contributions.insertInto(views, BATCH)
                + trust.insertInto(views, BATCH);
    }
}
