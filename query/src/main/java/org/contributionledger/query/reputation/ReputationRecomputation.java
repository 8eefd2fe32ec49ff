package org.contributionledger.query.reputation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * When reputation is recomputed: every 50 ms, each changed community at most every
 * {@code debounceMs}, on one background thread, so a burst of writes costs one recomputation; and
 * a community whose computation took longer rests as long again before the next.
 * <p>
 * Each community is attempted on its own: a failure is logged as one line (community, reason) and
 * the community is retried after 1 s, then 2 s, 4 s ... up to every 5 minutes, while every other
 * community goes on being computed. A change of its settings lifts the failure
 * ({@link ReputationSnapshots#failure}), and the community is attempted again at once.
 * <p>
 * A computation is of influence only: the spheres and the drawing of the snapshot it publishes are
 * made after, on another thread ({@link SnapshotWarmUp}), so they neither lengthen it nor, through
 * {@link #pauseNanos}, the rest before the next.
 */
@Component
public class ReputationRecomputation implements DisposableBean {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(5);
    private static final Duration TICK = Duration.ofMillis(50);

    private static final Logger log = LoggerFactory.getLogger(ReputationRecomputation.class);

    private final ReputationSnapshots snapshots;
    private final long debounceNanos;
    /** Per community: when it may next be attempted, and how many attempts in a row failed. */
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final ThreadPoolTaskScheduler scheduler;
    /** Times each computation; tests that tick by hand see computations take no time. */
    private final LongSupplier computationClock;

    @Autowired
    public ReputationRecomputation(ReputationSnapshots snapshots,
                                   @Value("${ledger.reputation.debounce-ms:250}") long debounceMs) {
        this(snapshots, debounceMs, true);
    }

    /** {@code background} false leaves the ticks to the caller ({@link #recomputeDue(long)}), for tests. */
    ReputationRecomputation(ReputationSnapshots snapshots, long debounceMs, boolean background) {
        this.snapshots = snapshots;
        this.debounceNanos = TimeUnit.MILLISECONDS.toNanos(debounceMs);
        this.computationClock = background ? System::nanoTime : () -> 0L;
        if (background) {
            scheduler = new ThreadPoolTaskScheduler();
            scheduler.setPoolSize(1);
            scheduler.setThreadNamePrefix("reputation-recompute-");
            scheduler.setDaemon(true);
            scheduler.initialize();
            scheduler.scheduleWithFixedDelay(() -> recomputeDue(System.nanoTime()), Instant.now().plus(TICK), TICK);
        } else {
            scheduler = null;
        }
    }

    private record Attempts(long notBeforeNanos, int failuresInARow, String lastReason) {
    }

    /** One tick: attempts every changed community that is due, each on its own. */
    void recomputeDue(long nowNanos) {
        if (snapshots.replaying()) {
            return; // the facts are partial: computing them would be wasted, and could be read as an answer
        }
        for (String communityId : snapshots.outdatedCommunities()) {
            Attempts last = attempts.get(communityId);
            boolean settingsCorrected = last != null && last.failuresInARow() > 0
                    && snapshots.failure(communityId).isEmpty();
            if (last != null && !settingsCorrected && nowNanos - last.notBeforeNanos() < 0) {
                continue;
            }
            attempt(communityId, last, nowNanos);
        }
    }

    private void attempt(String communityId, Attempts last, long nowNanos) {
        try {
            long started = computationClock.getAsLong();
            snapshots.recompute(communityId);
            long took = computationClock.getAsLong() - started;
            if (last != null && last.failuresInARow() > 0) {
                log.info("Reputation of community '{}' is computed again, after {} failed attempts",
                        communityId, last.failuresInARow());
            }
            attempts.put(communityId, new Attempts(nowNanos + pauseNanos(debounceNanos, took), 0, null));
        } catch (RuntimeException failure) {
            int failures = last == null ? 1 : last.failuresInARow() + 1;
            Duration wait = retryAfter(failures);
            String reason = snapshots.failure(communityId).orElse(failure.toString());
            if (last == null || !reason.equals(last.lastReason())) {
                // One line, no stack trace: the failure repeats identically until the facts or settings change.
                log.warn("Reputation of community '{}' cannot be computed: {}. Other communities are unaffected;"
                        + " retrying in {} s, then less often (at most every {} min), and at once when its settings change",
                        communityId, reason, wait.toSeconds(), LONGEST_RETRY.toMinutes());
            } else {
                log.debug("Reputation of community '{}' still cannot be computed (attempt {}); next in {} s",
                        communityId, failures, wait.toSeconds());
            }
            attempts.put(communityId, new Attempts(nowNanos + wait.toNanos(), failures, reason));
        }
    }

    /**
     * From the start of one computation of a community to the earliest next: the debounce, or, when
     * the computation took longer than half of it, twice its time. So a large community that keeps
     * changing (a bulk import, the processor catching up) rests as long as it computed: back-to-back
     * computations would take a core, and the network's lock, from the processor that feeds them.
     */
    static long pauseNanos(long debounceNanos, long computationNanos) {
        return Math.max(debounceNanos, 2 * computationNanos);
    }

    /** 1 s after the first failure, doubling with each failure in a row, at most {@link #LONGEST_RETRY}. */
    static Duration retryAfter(int failuresInARow) {
        int doublings = Math.min(failuresInARow - 1, 20);
        Duration wait = FIRST_RETRY.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    /** How many attempts in a row failed for this community; 0 when it is computing. */
    int failuresInARow(String communityId) {
        return Optional.ofNullable(attempts.get(communityId)).map(Attempts::failuresInARow).orElse(0);
    }

    @Override
    public void destroy() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }
}
