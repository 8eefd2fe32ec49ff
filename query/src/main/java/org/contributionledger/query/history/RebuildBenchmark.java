package org.contributionledger.query.history;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The two ways of rebuilding every SQL view from the store, timed on the same store: the
 * per-event form this project used before the folds (each event handed to the projections through
 * Axon's annotation adapter, one or more SQL statements per event on a scratch database,
 * then the scratch rows copied into the live tables), kept here as the baseline, and
 * {@link ViewRebuild}. Both end with the live views replaced in one transaction. Called by the
 * {@code bench-rebuild} command; not part of the ledger's own work.
 */
public final class RebuildBenchmark {

    private final JdbcTemplate live;
    private final TransactionTemplate transaction;
    private final Serializer serializer;
    private final ObjectMapper json;

    public RebuildBenchmark(JdbcTemplate live, TransactionTemplate transaction, Serializer serializer, ObjectMapper json) {
        this.live = live;
        this.transaction = transaction;
        this.serializer = serializer;
        this.json = json;
    }

    /**
     * One timed rebuild: events read, rows written, wall-clock seconds in all and of them in the
     * transaction that replaced the live rows, the CPU seconds of the rebuilding thread (on a shared
     * machine, the part of the wall-clock time that was the rebuild's own work), and the live views'
     * checksums after it.
     */
    public record Result(long events, long rows, double seconds, double switchSeconds, double cpuSeconds,
                         Map<String, String> checksums) {

        public double eventsPerSecond() {
            return events / seconds;
        }
    }

    /** The baseline: the per-event rebuild, over the events up to position {@code upTo} (the whole store when larger). */
    public Result perEvent(long upTo) {
        long started = System.nanoTime();
        long cpu = cpuNanos();
        StoredEventReader events = new StoredEventReader(live, serializer);
        try (ScratchDatabase scratch = ScratchDatabase.onDisk()) {
            Connection building = scratch.keeper();
            building.setAutoCommit(false);
            ViewProjections projections = new ViewProjections(
                    new JdbcTemplate(new SingleConnectionDataSource(building, true)), json);
            long fed = events.forEach(null, 0, Math.min(upTo, events.head()), projections::handle);
            building.commit();
            long switching = System.nanoTime();
            long rows = transaction.execute(status -> {
                long copied = 0;
                for (ViewTable table : ViewTable.ALL) {
                    live.update("DELETE FROM " + table.name());
                    copied += ViewRebuild.copy(scratch.jdbc(), live, table);
                }
                return copied;
            });
            long done = System.nanoTime();
            return new Result(fed, rows, (done - started) / 1e9, (done - switching) / 1e9, (cpuNanos() - cpu) / 1e9,
                    ViewChecksums.of(live));
        } catch (SQLException e) {
            throw new IllegalStateException("The scratch database of the per-event rebuild failed", e);
        }
    }

    /** The candidate: {@link ViewRebuild} over the whole store, as the admin's rebuild runs it. */
    public Result folded() {
        long started = System.nanoTime();
        long cpu = cpuNanos();
        try (ViewRebuild rebuild = new ViewRebuild(live, serializer, json)) {
            long[] read = {0};
            rebuild.catchUp(rebuild.head(), fed -> read[0] = fed);
            long switching = System.nanoTime();
            long rows = transaction.execute(status -> rebuild.replaceLive());
            long done = System.nanoTime();
            return new Result(read[0], rows, (done - started) / 1e9, (done - switching) / 1e9,
                    (cpuNanos() - cpu) / 1e9, ViewChecksums.of(live));
        }
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
