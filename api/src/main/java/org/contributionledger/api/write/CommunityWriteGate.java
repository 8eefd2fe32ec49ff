package org.contributionledger.api.write;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.contributionledger.api.config.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Every write transaction passes through here: one community's writes run one at a time, and a
 * transaction the database refuses for contention is decided again from scratch.
 * <p>
 * Why one at a time: writers of one community meet on the same aggregates, lookup rows and view
 * rows (the community's stats row above all). Left to Axon's aggregate locks and the database's
 * row locks, overlapping batches took them in different orders and deadlocked: Axon's
 * {@code DeadlockException}, lock waits of a minute, unique-index violations, all answered 500.
 * Ordering a community's writes removes those conflicts on one node at the cost of nothing the
 * database would not have serialised anyway (the stats row is updated by every act). Communities
 * share no state, so different communities still write in parallel.
 * <p>
 * Across nodes sharing one PostgreSQL database, {@link CommunityDatabaseLock} makes a community's
 * transactions take turns the same way.
 * <p>
 * Why retry: several nodes on one database (or a write that races the community's creation) can
 * still conflict inside the database. Such a failure rolled the whole transaction back, so running
 * it again re-decides every command against what is now stored: the same answer a later request
 * would get, never a double. When the queue is too long or the retries run out, the caller gets
 * {@link WriteContention} (503 with {@code Retry-After}), not a stall and not a 500.
 */
@Component
public class CommunityWriteGate {

    private static final Logger log = LoggerFactory.getLogger(CommunityWriteGate.class);

    /** SQL states of transient refusals: serialization failure and deadlock (40xxx), lock timeouts. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("HYT00", "55P03");

    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Every write holds it shared; {@link #paused} holds it alone (see there). */
    private final ReentrantReadWriteLock pause = new ReentrantReadWriteLock(true);
    private final CommunityDatabaseLock databaseLock;
    private final Duration maxQueueWait;
    private final int attempts;

    public CommunityWriteGate(LedgerProperties properties, CommunityDatabaseLock databaseLock) {
        this.databaseLock = databaseLock;
        this.maxQueueWait = Duration.ofMillis(properties.writes().maxQueueWaitMs());
        this.attempts = properties.writes().attempts();
    }

    /** Runs {@code transaction} (a whole database transaction) as the community's only writer. */
    public <T> T write(String communityId, Supplier<T> transaction) {
        acquire(pause.readLock(), communityId);
        try {
            // Fair: writers are served in the order they arrived, so a stream of small writes cannot
            // starve a batch.
            ReentrantLock lock = locks.computeIfAbsent(communityId, id -> new ReentrantLock(true));
            acquire(lock, communityId);
            try {
                return withRetries(communityId, () -> databaseLock.inTurn(communityId, transaction));
            } finally {
                lock.unlock();
            }
        } finally {
            pause.readLock().unlock();
        }
    }

    /**
     * Runs {@code transaction} while no write runs anywhere: it waits for the writes under way to
     * finish, and writes that arrive meanwhile wait for it (up to the queue wait, then 503). For the
     * switch of a view rebuild, which must see every event stored and replace the views before the
     * next write. Across nodes on PostgreSQL, {@link CommunityDatabaseLock#alone} does the same.
     */
    public <T> T paused(Supplier<T> transaction) {
        pause.writeLock().lock();
        try {
            return databaseLock.alone(transaction);
        } finally {
            pause.writeLock().unlock();
        }
    }

    private void acquire(Lock lock, String communityId) {
        try {
            if (!lock.tryLock(maxQueueWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new WriteContention("Community '" + communityId + "' has more writes queued than it can take"
                        + " within " + maxQueueWait.toSeconds() + " s; nothing was recorded", 1, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteContention("The write was interrupted while queued; nothing was recorded", 1, e);
        }
    }

    private <T> T withRetries(String communityId, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException failure) {
                if (!isTransient(failure)) {
                    throw failure;
                }
                if (attempt >= attempts) {
                    log.warn("Write to community '{}' refused after {} attempts for contention: {}", communityId,
                            attempts, rootMessage(failure));
                    throw new WriteContention("The database refused the write for contention " + attempts
                            + " times; nothing was recorded", 1, failure);
                }
                pause(attempt);
            }
        }
    }

    /**
     * Failures that say "not now" rather than "no": the same transaction may well succeed when run
     * again. Named one by one: Axon calls every JDBC failure transient, but a failure that is a bug
     * must stay a 500 that someone reads, not become a 503 that clients retry forever.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof LockAcquisitionFailedException
                    || t instanceof AggregateStreamCreationException
                    || t instanceof TransientDataAccessException || t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || TRANSIENT_SQL_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(10L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteContention("The write was interrupted while retrying; nothing was recorded", 1, e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
