package org.contributionledger.query.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Rebuilds every SQL view from the event store alone, in two steps, so that the live views keep
 * serving meanwhile:
 * <ol>
 * <li>{@link #catchUp}: every stored event, in global order, folded into the view rows in memory
 * ({@link ViewFolds}: the projections' own folds, which change their rows as their handlers change
 * the tables), up to the store's head; called again, it folds the events stored since;</li>
 * <li>{@link #replaceLive}: inside the caller's transaction on the live database, with writes paused,
 * the live tables' rows are deleted and the folded rows inserted in JDBC batches of
 * {@value ViewFolds#BATCH}. Readers see the old views until that transaction commits, then the new ones.</li>
 * </ol>
 * The rows are held in memory until the switch: a store of 10 million events (5 million acts) takes
 * a few GiB of heap. One instance per rebuild.
 */
public final class ViewRebuild implements AutoCloseable {

    private final JdbcTemplate live;
    private final StoredEventReader events;
    private final Set<String> payloadTypes;
    private ViewFolds folds;
    private long position;
    /** Positions passed over empty: rolled back, or not committed yet when read (see {@link #catchUpFully}). */
    private final List<Long> skipped = new ArrayList<>();

    public ViewRebuild(JdbcTemplate live, Serializer serializer, ObjectMapper json) {
        this.live = live;
        this.events = new StoredEventReader(live, serializer);
        this.payloadTypes = ViewFolds.payloadTypes(serializer);
        this.folds = new ViewFolds(json);
    }

    /** The store's last position now: how far {@link #catchUp} would go. */
    public long head() {
        return events.head();
    }

    /** The position of the last event fed so far (0 before the first). */
    public long position() {
        return position;
    }

    /** How many events are stored after the last one fed, up to {@code upTo}. */
    public long remaining(long upTo) {
        Long count = live.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ?",
                Long.class, position, upTo);
        return count == null ? 0 : count;
    }

    /**
     * Folds every event after the last one fed up to {@code upTo}, telling {@code progress} the
     * number of events read so far in this call after each page.
     */
    public void catchUp(long upTo, LongConsumer progress) {
        if (upTo <= position) {
            return;
        }
        long read = events.forEachPayload(null, position, upTo, payloadTypes, folds()::on, skipped, progress);
        position = upTo;
        progress.accept(read);
    }

    /**
     * With writes paused: first the events that have appeared since at positions passed over empty
     * (a transaction of another community that committed after a later one; its community's later
     * events cannot have been fed yet, since that community's writes take turns), then every event
     * up to the head. After this, the folded views hold every stored event.
     */
    public void catchUpFully(LongConsumer progress) {
        events.forEachPayloadAt(skipped, payloadTypes, folds()::on);
        skipped.clear();
        catchUp(head(), progress);
        skipped.clear();
    }

    /**
     * Replaces every live view table's rows with the rebuilt ones. Call it inside a transaction on
     * the live database (the live template's), with writes paused and after a last
     * {@link #catchUp} to the head, so that nothing is lost and readers never see a half-replaced view.
     *
     * @return the number of rows written
     */
    public long replaceLive() {
        for (ViewTable table : ViewTable.ALL) {
            live.update("DELETE FROM " + table.name());
        }
        return folds().insertInto(live);
    }

    private ViewFolds folds() {
        if (folds == null) {
            throw new IllegalStateException("This rebuild is closed");
        }
        return folds;
    }

    /** Lets the folded rows go. */
    @Override
    public void close() {
        folds = null;
    }
}
