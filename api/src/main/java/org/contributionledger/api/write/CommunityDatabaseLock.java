package org.contributionledger.api.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On PostgreSQL, where several nodes may share the database, a community's write transactions take
 * turns across nodes as {@link CommunityWriteGate} makes them take turns within one node: each
 * starts by taking the community's advisory lock, held until it commits or rolls back.
 * <p>
 * Why: a transaction takes its events' global indexes as it stores them, chunk by chunk. Two nodes
 * writing one community at once interleaved their indexes and committed in another order, so the
 * community's events reached readers (the Kafka publisher above all, which promises each community's
 * events in the store's order) in an order no single history has. Taking turns, one community's
 * transactions never overlap: their indexes follow the order in which they commit.
 * <p>
 * The lock is waited for at most {@link #LOCK_TIMEOUT} (the whole transaction then fails as
 * PostgreSQL's {@code lock_not_available}, which the gate retries and finally answers 503). On H2,
 * which one node holds alone, there is nothing to do.
 */
@Component
public class CommunityDatabaseLock {

    /** Longer than any write transaction takes (a full batch: well under a second). */
    static final String LOCK_TIMEOUT = "10s";
    /** The first key of the ledger's advisory locks, so that they meet no other application's. */
    private static final int LEDGER_LOCKS = 0x4c444752; // "LDGR"
    /** The key every write takes shared and a paused transaction ({@link #alone}) takes alone. */
    private static final int WRITES = 0x4c445752; // "LDWR"

    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final boolean sharedDatabase;

    @Autowired
    public CommunityDatabaseLock(DataSource dataSource, TransactionTemplate transactions, JdbcTemplate jdbc) {
        this(transactions, jdbc, isPostgres(dataSource));
    }

    private CommunityDatabaseLock(TransactionTemplate transactions, JdbcTemplate jdbc, boolean sharedDatabase) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.sharedDatabase = sharedDatabase;
    }

    /** For a database that one node holds alone: nothing to take. */
    static CommunityDatabaseLock none() {
        return new CommunityDatabaseLock(null, null, false);
    }

    /**
     * Runs {@code transaction} in a transaction that first takes the community's lock; the
     * transactions it opens (Axon's unit of work, a batch's template) join this one.
     */
    public <T> T inTurn(String communityId, Supplier<T> transaction) {
        if (!sharedDatabase) {
            return transaction.get();
        }
        return transactions.execute(status -> {
            jdbc.queryForObject("SELECT set_config('lock_timeout', ?, true)", String.class, LOCK_TIMEOUT);
            jdbc.query("SELECT pg_advisory_xact_lock_shared(?, 0)", row -> {
            }, WRITES);
            // String.hashCode is the same on every JVM; two communities sharing a hash only take turns too.
            jdbc.query("SELECT pg_advisory_xact_lock(?, ?)", row -> {
            }, LEDGER_LOCKS, communityId.hashCode());
            return transaction.get();
        });
    }

    /**
     * Runs {@code transaction} in a transaction that no write transaction on any node overlaps: it
     * waits for those under way (they hold the writes' lock shared) and holds new ones off until it
     * commits. Writes that wait longer than {@link #LOCK_TIMEOUT} fail and are retried, then 503.
     */
    public <T> T alone(Supplier<T> transaction) {
        if (!sharedDatabase) {
            return transaction.get();
        }
        return transactions.execute(status -> {
            jdbc.query("SELECT pg_advisory_xact_lock(?, 0)", row -> {
            }, WRITES);
            return transaction.get();
        });
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Cannot tell which database the ledger runs on", e);
        }
    }
}
