package org.contributionledger.query.history;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Rebuilds every SQL view from the event store alone, in two steps, so that the live views keep
 * serving meanwhile:
 * <ol>
 * <li>{@link #catchUp}: every stored event, in global order, folded into the view rows in memory
 * ({@link ViewFolds}: the projections' own folds, which change their rows as their handlers change
 * the tables), up to the store's head; called again, it folds the events stored since;</li>
 * <li>{@link #replaceLive}: inside the caller's transaction on the live database, with writes paused,
 * each live table whose rows differ from the folded ones has its rows deleted and the folded rows
 * inserted in JDBC batches of {@value ViewFolds#BATCH}. Readers see the old views until that
 * transaction commits, then the new ones.</li>
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
     * <p>The folded rows are first written into a scratch database on disk, and a table whose
     * rebuilt rows have the live table's checksum ({@link ViewChecksums}: the same rows) is left
     * as it is: rewriting it would change nothing, and on a durable file it is most of a rebuild's
     * time (every row deleted and inserted again, each index page written to disk in the one
     * transaction). Any other table has its rows deleted and the rebuilt ones inserted.
     *
     * @return the number of rows written
     */
    public long replaceLive() {
        try (ScratchDatabase scratch = ScratchDatabase.onDisk()) {
            Connection building = scratch.keeper();
            building.setAutoCommit(false);
            folds().insertInto(new JdbcTemplate(new SingleConnectionDataSource(building, true)));
            building.commit();
            building.setAutoCommit(true);
            long rows = 0;
            for (ViewTable table : ViewTable.ALL) {
                if (!ViewChecksums.of(scratch.jdbc(), table).equals(ViewChecksums.of(live, table))) {
                    live.update("DELETE FROM " + table.name());
                    rows += copy(scratch.jdbc(), live, table);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("The scratch database of the rebuild failed", e);
        }
    }

    /**
     * Copies one table's rows from a scratch database into the live one, in key order, in JDBC
     * batches. The benchmark's per-event rebuild copies with it too, so that the two differ only in
     * how the rows are made.
     */
    static long copy(JdbcTemplate scratch, JdbcTemplate live, ViewTable table) {
        long[] copied = {0};
        List<Object[]> batch = new ArrayList<>(ViewFolds.BATCH);
        String[] insert = {null};
        scratch.query("SELECT * FROM " + table.name() + " ORDER BY " + String.join(", ", table.key()), row -> {
            ResultSetMetaData columns = row.getMetaData();
            int count = columns.getColumnCount();
            if (insert[0] == null) {
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= count; i++) {
                    names.add(columns.getColumnName(i).toLowerCase());
                }
                insert[0] = "INSERT INTO " + table.name() + " (" + String.join(", ", names) + ") VALUES ("
                        + String.join(", ", Collections.nCopies(count, "?")) + ")";
            }
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                values[i] = row.getObject(i + 1);
            }
            batch.add(values);
            if (batch.size() == ViewFolds.BATCH) {
                live.batchUpdate(insert[0], batch);
                copied[0] += batch.size();
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            live.batchUpdate(insert[0], batch);
            copied[0] += batch.size();
        }
        return copied[0];
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
