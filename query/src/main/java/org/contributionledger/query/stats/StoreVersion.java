package org.contributionledger.query.stats;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which events the store holds, and how many times this node replaced the views wholesale. Events
 * are only ever appended, and every view is written in the transaction that appends the events it
 * follows, so the views can have changed only if this version has. A rebuild
 * ({@link #viewsReplaced()}) moves the generation.
 * <p>
 * What "which events" is read from differs, because each database has one cheap exact answer:
 * <ul>
 * <li>H2: the last position and the number of events. A commit after the last position moves the
 * head; a commit at a position below it (a transaction that took its position before a later one
 * committed) adds to the count. H2 keeps a table's row count and reads MAX of the key from its
 * index, so both are a lookup.</li>
 * <li>PostgreSQL: the transaction snapshot ({@code pg_current_snapshot()}: the oldest transaction
 * still running, the next one to start, and those in between still running). Two equal snapshots
 * see exactly the same committed rows, so the events are the same; any commit since changes it. It
 * costs no table access, where counting the events read an index of millions of entries on every
 * read. It also moves on writes that are not events (the keys' last use, processors' tokens), which
 * only costs a recomputation.</li>
 * </ul>
 */
@Component
public class StoreVersion {

    /** The version itself: {@code events} is comparable only with another read from the same store. */
    public record Version(String events, long generation) {
    }

    private static final String H2 = "SELECT CONCAT(COALESCE(MAX(globalIndex), -1), ':', COUNT(*)) FROM DomainEventEntry";
    private static final String POSTGRES = "SELECT CAST(pg_current_snapshot() AS text)";

    private final JdbcTemplate store;
    private final AtomicLong generation = new AtomicLong();
    /** Chosen at the first read rather than at start, which does not have to reach the database. */
    private volatile String versionQuery;

    public StoreVersion(JdbcTemplate store) {
        this.store = store;
    }

    public Version current() {
        long views = generation.get();
        return new Version(store.queryForObject(versionQuery(), String.class), views);
    }

    private String versionQuery() {
        if (versionQuery == null) {
            String product = store.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
            versionQuery = "PostgreSQL".equals(product) ? POSTGRES : H2;
        }
        return versionQuery;
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
