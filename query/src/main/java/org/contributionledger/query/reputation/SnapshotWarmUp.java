package org.contributionledger.query.reputation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What a snapshot's readers would otherwise wait for, made in the background once it is published:
 * first its spheres ({@link SnapshotSpheres}), then its drawing when someone looks at the
 * community's network ({@link NetworkDrawings#drawInAdvance}). On Bitcoin
 * OTC the two take seconds where the influence takes tens of milliseconds, so they run on a thread of
 * their own, never on the one that recomputes influence ({@link ReputationRecomputation}) and never
 * holding its locks: a write's reputation is published as soon as its influence is known.
 * <p>
 * A warm-up always works on the community's latest snapshot, so a snapshot superseded before its
 * warm-up starts is never warmed, and one superseded while its spheres are being found gets no
 * drawing: the newer snapshot has a warm-up of its own queued. A burst of snapshots queues one
 * warm-up per community. A read that comes first finds what it needs itself, or waits for the
 * warm-up under way; either way each snapshot's spheres and drawing are made once.
 */
@Component
public class SnapshotWarmUp implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SnapshotWarmUp.class);

    private final ReputationSnapshots snapshots;
    private final NetworkDrawings drawings;
    private final Executor executor;
    /** Communities with a warm-up queued and not started yet. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    @Autowired
    public SnapshotWarmUp(ReputationSnapshots snapshots, NetworkDrawings drawings) {
        this(snapshots, drawings, Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "reputation-warm-up");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** {@code executor} runs the warm-ups; tests pass one that keeps them until they run them. */
    SnapshotWarmUp(ReputationSnapshots snapshots, NetworkDrawings drawings, Executor executor) {
        this.snapshots = snapshots;
        this.drawings = drawings;
        this.executor = executor;
        snapshots.warmUpSpheres(this::published);
    }

    /** On the recomputing thread, under its lock: only queues. */
    private void published(ReputationSnapshot snapshot) {
        String communityId = snapshot.network().communityId();
        if (queued.add(communityId)) {
            try {
                executor.execute(() -> warmUp(communityId));
            } catch (RejectedExecutionException shuttingDown) {
                queued.remove(communityId); // the reads find what they need themselves
            }
        }
    }

    /** Finds the spheres of the community's latest snapshot, then draws it if it is still the latest and watched. */
    void warmUp(String communityId) {
        // Removed first: a snapshot published from now on queues a warm-up of its own.
        queued.remove(communityId);
        ReputationSnapshot latest = snapshots.latest(communityId);
        if (latest == null) {
            return;
        }
        try {
            latest.spheres();
            snapshots.recordSpheresFound(latest);
            if (snapshots.latest(communityId) == latest) {
                drawings.drawInAdvance(latest);
            }
        } catch (RuntimeException failure) {
            // The reads of this snapshot meet the same failure, as ReputationUnavailable: nothing is lost here.
            log.warn("Warming up the reputation of community '{}' failed: {}", communityId, failure.toString());
        }
    }

    @Override
    public void destroy() {
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }
}
