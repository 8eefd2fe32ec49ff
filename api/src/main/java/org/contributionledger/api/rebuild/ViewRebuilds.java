package org.contributionledger.api.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.serialization.Serializer;
import org.contributionledger.api.write.CommunityWriteGate;
import org.contributionledger.query.history.ViewChecksums;
import org.contributionledger.query.history.ViewRebuild;
import org.contributionledger.query.stats.StoreVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs rebuilds of the SQL views (query.history.ViewRebuild), one at a time, on a thread of its
 * own, and keeps each one's progress for the admin API. The live views serve throughout; writes
 * pause only for the switch: the events stored during the build, then the tables' rows replaced in
 * one transaction.
 */
@Component
public class ViewRebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ViewRebuilds.class);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ObjectMapper json;
    private final CommunityWriteGate gate;
    private final TransactionTemplate transactions;
    /** Told when the views are replaced, so that figures kept from the old ones are computed again. */
    private final StoreVersion storeVersion;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "view-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicReference<Progress> running = new AtomicReference<>();
    private final Map<String, Progress> rebuilds = new ConcurrentHashMap<>();

    public ViewRebuilds(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer, ObjectMapper json,
                        CommunityWriteGate gate, TransactionTemplate transactions, StoreVersion storeVersion) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.json = json;
        this.gate = gate;
        this.transactions = transactions;
        this.storeVersion = storeVersion;
    }

    /** Starts a rebuild and answers at once; refused while another runs. */
    public Rebuild start() {
        Progress progress = new Progress("rb-" + numbers.incrementAndGet(), clock.instant());
        if (!running.compareAndSet(null, progress)) {
            throw new RebuildAlreadyRunning(running.get().id);
        }
        rebuilds.put(progress.id, progress);
        worker.execute(() -> run(progress));
        return progress.answer(clock.instant());
    }

    public Optional<Rebuild> find(String id) {
        return Optional.ofNullable(rebuilds.get(id)).map(progress -> progress.answer(clock.instant()));
    }

    /** The live views' checksums now. */
    public ViewChecksumsAnswer checksums() {
        Long head = jdbc.queryForObject("SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry", Long.class);
        return new ViewChecksumsAnswer(head == null ? 0 : head, ViewChecksums.of(jdbc));
    }

    private void run(Progress progress) {
        try (ViewRebuild rebuild = new ViewRebuild(jdbc, serializer, json)) {
            long head = rebuild.head();
            progress.total = rebuild.remaining(head);
            rebuild.catchUp(head, fed -> progress.done = fed);
            long built = progress.done;
            progress.state = Rebuild.State.SWITCHING;
            gate.paused(() -> transactions.execute(status -> {
                progress.before = ViewChecksums.of(jdbc);
                progress.total = built + rebuild.remaining(rebuild.head());
                rebuild.catchUpFully(fed -> progress.done = built + fed);
                progress.total = Math.max(progress.total, progress.done);
                rebuild.replaceLive();
                progress.after = ViewChecksums.of(jdbc);
                return null;
            }));
            storeVersion.viewsReplaced();
            progress.state = Rebuild.State.DONE;
            log.info("Views rebuilt from {} events in {}; checksums {}", progress.done,
                    Duration.between(progress.startedAt, clock.instant()), progress.before.equals(progress.after)
                            ? "unchanged" : "changed (the views had drifted from the events)");
        } catch (RuntimeException | Error e) {
            log.error("View rebuild {} failed; the live views are as they were", progress.id, e);
            progress.failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            progress.state = Rebuild.State.FAILED;
        } finally {
            progress.finishedAt = clock.instant();
            running.set(null);
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }

    /** Written by the rebuild's thread, read by requests: each field on its own is enough for an answer. */
    private static final class Progress {
        final String id;
        final Instant startedAt;
        volatile Rebuild.State state = Rebuild.State.BUILDING;
        volatile long done;
        volatile long total;
        volatile Instant finishedAt;
        volatile String failure;
        volatile Map<String, String> before;
        volatile Map<String, String> after;

        Progress(String id, Instant startedAt) {
            this.id = id;
            this.startedAt = startedAt;
        }

        Rebuild answer(Instant now) {
            Instant end = finishedAt == null ? now : finishedAt;
            double seconds = Math.max(Duration.between(startedAt, end).toMillis() / 1000.0, 0.001);
            double rate = done / seconds;
            Long eta = finishedAt != null || done == 0 ? null : Math.round(Math.max(0, total - done) / rate);
            return new Rebuild(id, state, done, Math.max(total, done), Math.round(rate * 10) / 10.0, eta, startedAt,
                    finishedAt, failure, before, after);
        }
    }
}
