package org.contributionledger.query.history;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Rebuilds every SQL view from the event store alone, in two steps, so that the live views keep
 * serving meanwhile:
 * <ol>
 * <li>{@link #catchUp}: every stored event, in global order, fed to the view projections over a
 * scratch in-memory database (see {@link HistoricalViews} for why that equals the live views), up to
 * the store's head; called again, it feeds the events stored since;</li>
 * <li>{@link #replaceLive}: inside the caller's transaction on the live database, with writes paused,
 * the live tables' rows are deleted and the scratch tables' rows inserted in JDBC batches of
 * {@value #BATCH}. Readers see the old views until that transaction commits, then the new ones.</li>
 * </ol>
 * One instance per rebuild; {@link #close()} drops its scratch database.
 */
public final class ViewRebuild implements AutoCloseable {

    static final int BATCH = 1_000;

    private final JdbcTemplate live;
    private final StoredEventReader events;
    private final ScratchDatabase scratch;
    private final Connection building;
    private final ViewProjections projections;
    private long position;
    /** Positions passed over empty: rolled back, or not committed yet when read (see {@link #catchUpFully}). */
    private final List<Long> skipped = new ArrayList<>();

    public ViewRebuild(JdbcTemplate live, Serializer serializer, ObjectMapper json) {
        this.live = live;
        this.events = new StoredEventReader(live, serializer);
        this.scratch = ScratchDatabase.create();
        this.building = scratch.keeper();
        this.projections = new ViewProjections(new JdbcTemplate(new SingleConnectionDataSource(building, true)), json);
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
     * Feeds every event after the last one fed up to {@code upTo}, telling {@code progress} the
     * number of events fed so far in this call after each page. Each call is one transaction on the
     * scratch database.
     */
    public void catchUp(long upTo, LongConsumer progress) {
        if (upTo <= position) {
            return;
        }
        long[] fed = {0};
        try {
            building.setAutoCommit(false);
            events.forEach(null, position, upTo, event -> {
                projections.handle(event);
                if (++fed[0] % StoredEventReader.PAGE == 0) {
                    progress.accept(fed[0]);
                }
            }, skipped);
            building.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("The scratch database of the rebuild failed", e);
        }
        position = upTo;
        progress.accept(fed[0]);
    }

    /**
     * With writes paused: first the events that have appeared since at positions passed over empty
     * (a transaction of another community that committed after a later one; its community's later
     * events cannot have been fed yet, since that community's writes take turns), then every event
     * up to the head. After this, the scratch views hold every stored event.
     */
    public void catchUpFully(LongConsumer progress) {
        try {
            building.setAutoCommit(false);
            events.forEachAt(skipped, projections::handle);
            building.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("The scratch database of the rebuild failed", e);
        }
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
        long rows = 0;
        for (ViewTable table : ViewTable.ALL) {
            live.update("DELETE FROM " + table.name());
            rows += copy(table);
        }
        return rows;
    }

    private long copy(ViewTable table) {
        long[] copied = {0};
        List<Object[]> batch = new ArrayList<>(BATCH);
        String[] insert = {null};
        scratch.jdbc().query("SELECT * FROM " + table.name(), row -> {
            ResultSetMetaData columns = row.getMetaData();
            int count = columns.getColumnCount();
            if (insert[0] == null) {
                insert[0] = insertStatement(table.name(), columns);
            }
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                values[i] = row.getObject(i + 1);
            }
            batch.add(values);
            if (batch.size() == BATCH) {
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

    private static String insertStatement(String table, ResultSetMetaData columns) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            names.add(columns.getColumnName(i).toLowerCase());
        }
        return "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")";
    }

    /** The rebuilt views' checksums (see {@link ViewChecksums}), before they replace the live ones. */
    public java.util.Map<String, String> checksums() {
        return ViewChecksums.of(scratch.jdbc());
    }

    @Override
    public void close() {
        scratch.close();
    }
}
