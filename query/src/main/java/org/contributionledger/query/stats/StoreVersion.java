package org.contributionledger.query.stats;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which events the store holds: its last position and its number of events, and how many times
 * this node replaced the views wholesale. Events are only ever appended, and every view is written
 * in the transaction that appends the events it follows, so the views can have changed only if this
 * version has: a commit after the last position moves the head, a commit at a position below it (a
 * transaction that took its position before a later one committed) adds to the count, and a
 * rebuild ({@link #viewsReplaced()}) moves the generation.
 * <p>
 * Cheap on H2, which keeps a table's row count (and reads MAX of the key from its index). PostgreSQL
 * counts the rows of the key's index, tens of milliseconds on millions of events.
 */
@Component
public class StoreVersion {

    /** The version itself; {@code head} -1 for an empty store. */
    public record Version(long head, long events, long generation) {
    }

    private final JdbcTemplate store;
    private final AtomicLong generation = new AtomicLong();

    public StoreVersion(JdbcTemplate store) {
        this.store = store;
    }

    public Version current() {
        long views = generation.get();
        return store.queryForObject("SELECT COALESCE(MAX(globalIndex), -1), COUNT(*) FROM DomainEventEntry",
                (row, i) -> new Version(row.getLong(1), row.getLong(2), views));
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
