package org.contributionledger.query.history;

import java.util.List;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.statement.ContributionViewProjection;
import org.contributionledger.query.trust.TrustViewProjection;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The projections that write the SQL views, instantiated over a given database, and fed events
 * through Axon's own handler adapter: the same {@code @EventHandler} methods, with the same
 * parameter resolution ({@code @Timestamp} from the message), as the live processors call. A view
 * built this way from the stored events equals, by construction, what the live view held.
 *
 * <p>Rebuilds use the faster {@link ViewFolds}; this per-event form is the reference the folds are
 * tested against ({@code ViewFoldsTest}) and the baseline {@link RebuildBenchmark} times them against.
 * A new SQL view table is added here as well as to {@link ViewFolds} and its processing group.
 */
final class ViewProjections {

    private final List<AnnotationEventHandlerAdapter> handlers;

    ViewProjections(JdbcTemplate jdbc, ObjectMapper json) {
        this.handlers = List.of(
                new AnnotationEventHandlerAdapter(new DirectoryProjection(jdbc, json)),
                new AnnotationEventHandlerAdapter(new ContributionViewProjection(jdbc)),
                new AnnotationEventHandlerAdapter(new TrustViewProjection(jdbc)));
    }

    /** Hands the event to every projection that handles its type, in the order above. */
    void handle(EventMessage<?> event) {
        for (AnnotationEventHandlerAdapter handler : handlers) {
            if (handler.canHandle(event)) {
                try {
                    handler.handle(event);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("A view projection failed on event " + event.getIdentifier(), e);
                }
            }
        }
    }
}
