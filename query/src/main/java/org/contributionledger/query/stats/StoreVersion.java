package org.contributionledger.query.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which events the store holds, and how many times this node replaced the views wholesale. Events
 * are only ever appended, and every view is written in the transaction that appends the events it
 * follows, so the views can have changed only if this version has. A rebuild
 * ({@link #viewsReplaced()}) moves the generation.
 * <p>
 * The events' part is the last position and the number of events: a commit after the last position
 * moves the first, a commit at a position below it (a transaction that took its position before a
 * later one committed) adds to the second. How it is read differs, as each database has its own
 * cheap way:
 * <ul>
 * <li>H2 keeps a table's row count and reads MAX of the key from its index: both are a lookup.</li>
 * <li>PostgreSQL counts rows by reading them, tens of milliseconds on millions of events. So only
 * the events within {@code window} positions of the last are counted (a transaction commits long
 * before that many later positions do: the event processors, which wait that long for a gap, rely
 * on it too), and only when the transaction snapshot ({@code pg_current_snapshot()}) has moved
 * since the last count: two equal snapshots see the same committed rows. The snapshot also moves
 * for writes that are not events (processors renew their claims every second), hence the count
 * rather than the snapshot as the version.</li>
 * </ul>
 */
@Component
public class StoreVersion {

    /** The version itself: {@code events} is comparable only with another read from the same store. */
    public record Version(String events, long generation) {
    }

    /** The events counted on PostgreSQL, and the snapshot they were counted after. */
    private record Counted(String snapshot, String events) {
    }

    private static final String H2 = "SELECT CONCAT(COALESCE(MAX(globalIndex), -1), ':', COUNT(*)) FROM DomainEventEntry";
    private static final String SNAPSHOT = "SELECT CAST(pg_current_snapshot() AS text)";
    private static final String NEAR_THE_HEAD = "SELECT CONCAT(head, ':', (SELECT COUNT(*) FROM DomainEventEntry"
            + " WHERE globalIndex > head - ?)) FROM (SELECT COALESCE(MAX(globalIndex), -1) AS head FROM DomainEventEntry) last";

    private final JdbcTemplate store;
    private final long window;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicReference<Counted> counted = new AtomicReference<>();
    /** Chosen at the first read rather than at start, which does not have to reach the database. */
    private volatile Boolean postgres;

    public StoreVersion(JdbcTemplate store) {
        this(store, 100_000);
    }

    /** @param window positions below the last within which a late commit is seen on PostgreSQL (ledger.cluster.max-gap-offset) */
    @Autowired
    public StoreVersion(JdbcTemplate store, @Value("${ledger.cluster.max-gap-offset:100000}") long window) {
        this.store = store;
        this.window = window;
    }

    public Version current() {
        long views = generation.get();
        return new Version(isPostgres() ? eventsOnPostgres() : store.queryForObject(H2, String.class), views);
    }

    private String eventsOnPostgres() {
        String snapshot = store.queryForObject(SNAPSHOT, String.class);
        Counted last = counted.get();
        if (last != null && last.snapshot().equals(snapshot)) {
            return last.events();
        }
        // Counted after the snapshot was read: it includes at least what the snapshot sees.
        String events = store.queryForObject(NEAR_THE_HEAD, String.class, window);
        counted.set(new Counted(snapshot, events));
        return events;
    }

    private boolean isPostgres() {
        if (postgres == null) {
            postgres = "PostgreSQL".equals(
                    store.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
        }
        return postgres;
    }

    /**
     * Called once a rebuild has replaced the views (they may have drifted from the events, so what
     * was computed from them is not kept). Another node sharing the database learns of it only at
     * the next event stored.
     */
    public void viewsReplaced() {
        generation.incrementAndGet();
    }
}
