package org.contributionledger.query.reputation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.community.CommunitySettingsLimits;
import org.contributionledger.core.community.SettingRuleViolation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The current {@link ReputationSnapshot} of each community the {@link ReputationProjection} holds.
 * A changed community is recomputed, warm-started from its previous snapshot, when
 * {@link ReputationRecomputation} says, or by the first read that needs it; reads get their
 * snapshot here ({@link #forReading}), with how fresh it is ({@link #freshness}).
 * <p>
 * A snapshot is published with its influence only: its spheres are found after, once, by the
 * background warm-up ({@link SnapshotWarmUp}, told through {@link #whenPublished}) or by the first
 * read that needs them, so that finding them never delays the next influence computation.
 * <p>
 * Each community is computed on its own: one that cannot be computed (settings outside
 * {@link CommunitySettingsLimits}, stored before the limits existed) is recorded as failing, its
 * reads answer {@link ReputationUnavailable}, and every other community is unaffected. A change of
 * its settings lifts the failure, so it is computed again at once.
 */
@Component
public class ReputationSnapshots {

    private final ReputationProjection projection;
    private final Map<String, ReputationSnapshot> snapshots = new ConcurrentHashMap<>();
    /** Why a community's latest computation failed; removed when one succeeds. */
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    /** One computation per community at a time: the background thread and a first read may race. */
    private final Map<String, Object> computeLocks = new ConcurrentHashMap<>();
    /**
     * One finding of spheres per community at a time, whichever snapshot it is for: apart from the
     * compute lock, so that finding spheres never holds up the next influence computation.
     */
    private final Map<String, Object> spheresLocks = new ConcurrentHashMap<>();
    /** How many times spheres were found, of any snapshot: a check that each snapshot's are found once. */
    private final AtomicInteger spheresFindings = new AtomicInteger();
    /**
     * The newest snapshot of each community whose spheres are found: a member's reputation takes
     * their sphere from it, so that the read never waits for the spheres of a newer snapshot.
     */
    private final Map<String, ReputationSnapshot> withSpheres = new ConcurrentHashMap<>();
    /**
     * True once a {@link SnapshotWarmUp} finds the spheres of every published snapshot: only then may
     * a read take an older snapshot's spheres, since the newer one's are on their way.
     */
    private volatile boolean spheresWarmedUp;
    /** Told of every snapshot published by a computation (see {@link #whenPublished}). */
    private final List<Consumer<ReputationSnapshot>> publishedListeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final ReplayProgress progress;

    @Autowired
    public ReputationSnapshots(ReputationProjection projection, ReplayProgress progress) {
        this(projection, Clock.systemUTC(), progress);
    }

    /** {@code progress} null means "every stored event has been seen". */
    ReputationSnapshots(ReputationProjection projection, Clock clock, ReplayProgress progress) {
        this.projection = projection;
        this.clock = clock;
        this.progress = progress;
        projection.whenReset(this::forgetAll);
    }

    /**
     * A failed computation and the settings it was computed with. It stands only while the community
     * still has those settings: a correction that arrives during or after a failing computation must
     * not be hidden by that computation's failure.
     */
    private record Failure(CommunitySettings computedWith, String reason) {
    }

    /**
     * True while the history stored at start is being replayed: nothing is computed or answered
     * then, since the facts are partial; the first read after the replay computes from all of them.
     */
    boolean replaying() {
        return progress != null && !progress.caughtUp();
    }

    /** Communities whose snapshot is missing or older than their network. */
    List<String> outdatedCommunities() {
        List<String> outdated = new ArrayList<>();
        for (CommunityNetwork network : projection.networks()) {
            ReputationSnapshot current = snapshots.get(network.communityId());
            long version = network.version();
            if (current == null || current.network().version() != version) {
                outdated.add(network.communityId());
            }
        }
        return outdated;
    }

    /** Why the community's latest computation failed, or empty when it did not or its settings changed since. */
    Optional<String> failure(String communityId) {
        Failure failure = failures.get(communityId);
        CommunityNetwork network = projection.network(communityId);
        if (failure == null || network == null || network.settings() != failure.computedWith()) {
            return Optional.empty();
        }
        return Optional.of(failure.reason());
    }

    /**
     * Recomputes one community if it changed since its snapshot. A failure is recorded (reads of
     * this community then answer {@link ReputationUnavailable}) and thrown to the caller.
     */
    void recompute(String communityId) {
        CommunityNetwork network = projection.network(communityId);
        if (network != null) {
            synchronized (computeLock(communityId)) {
                recomputeLocked(network);
            }
        }
    }

    /**
     * Computes the community from the network this pair's projection holds, warm-started from {@code
     * source}'s latest snapshot of it: for a projection replayed up to a past position, whose network
     * is close to the live one. A snapshot of the same version is kept as it is, since it was computed
     * from the same facts. A failure is recorded, as by {@link #recompute(String)}, and answered by
     * the reads.
     */
    void computeWarmStartedFrom(ReputationSnapshots source, String communityId) {
        ReputationSnapshot start = source.snapshots.get(communityId);
        if (start != null && projection.network(communityId) != null) {
            snapshots.put(communityId, start);
        }
        try {
            recompute(communityId);
        } catch (RuntimeException recorded) {
            // Recorded by recompute: the reads answer ReputationUnavailable, as the live ones did.
        }
    }

    /** For tests: recomputes every changed community now, each on its own, as the background thread does. */
    void recomputeNow() {
        for (String communityId : outdatedCommunities()) {
            try {
                recompute(communityId);
            } catch (RuntimeException recorded) {
                // Recorded by recompute; the other communities go on.
            }
        }
    }

    private Object computeLock(String communityId) {
        return computeLocks.computeIfAbsent(communityId, id -> new Object());
    }

    private void recomputeLocked(CommunityNetwork network) {
        String communityId = network.communityId();
        CommunitySettings settings = null;
        try {
            FrozenNetwork frozen;
            synchronized (network) {
                ReputationSnapshot current = snapshots.get(communityId);
                if (current != null && current.network().version() == network.version()) {
                    return;
                }
                settings = network.settings();
                // Settings stored before the limits existed may be beyond what the engine computes
                // exactly: say so by name, rather than with whatever the arithmetic would fail with.
                CommunitySettingsLimits.checkComputable(settings.reputation());
                frozen = network.freeze();
            }
            ReputationSnapshot computed = ReputationSnapshot.compute(frozen, snapshots.get(communityId), clock.instant(),
                    spheresLocks.computeIfAbsent(communityId, id -> new Object()), spheresFindings::incrementAndGet);
            snapshots.put(communityId, computed);
            failures.remove(communityId);
            publishedListeners.forEach(listener -> listener.accept(computed));
        } catch (SettingRuleViolation outOfRange) {
            failures.put(communityId, new Failure(settings,
                    "its settings are outside what the engine computes: " + outOfRange.getMessage()));
            throw outOfRange;
        } catch (RuntimeException failure) {
            failures.put(communityId, new Failure(settings, failure.getClass().getSimpleName() + ": " + failure.getMessage()));
            throw failure;
        }
    }

    /**
     * Runs {@code listener} with every snapshot a computation publishes, on the computing thread and
     * under the community's compute lock: it must only hand the snapshot on, never compute.
     */
    void whenPublished(Consumer<ReputationSnapshot> listener) {
        publishedListeners.add(listener);
    }

    /** As {@link #whenPublished}, for a warm-up that finds the spheres of every snapshot it is told of. */
    void warmUpSpheres(Consumer<ReputationSnapshot> warmUp) {
        whenPublished(warmUp);
        spheresWarmedUp = true;
    }

    /** The community's newest published snapshot, or null; never computes and never waits. */
    ReputationSnapshot latest(String communityId) {
        return snapshots.get(communityId);
    }

    /** How many times spheres were found so far, of any snapshot of any community. */
    int spheresFindings() {
        return spheresFindings.get();
    }

    /**
     * The newest snapshot of {@code snapshot}'s community whose spheres are found: {@code snapshot}
     * itself when they are, else an older one. Only while the community has none (its first
     * snapshot, after a start), or when no warm-up finds them in the background, does this wait, for
     * {@code snapshot}'s own.
     *
     * @throws ReputationUnavailable when the sphere engine failed on that snapshot's network
     */
    ReputationSnapshot newestWithSpheres(ReputationSnapshot snapshot) {
        if (!snapshot.spheresFound() && spheresWarmedUp) {
            ReputationSnapshot older = withSpheres.get(snapshot.network().communityId());
            if (older != null) {
                return older;
            }
        }
        snapshot.spheres();
        recordSpheresFound(snapshot);
        return snapshot;
    }

    /** Records that {@code snapshot}'s spheres are found, unless a newer snapshot's already are. */
    void recordSpheresFound(ReputationSnapshot snapshot) {
        withSpheres.merge(snapshot.network().communityId(), snapshot,
                (kept, found) -> found.network().version() >= kept.network().version() ? found : kept);
    }

    /** After the projection's reset: snapshots of the forgotten networks would answer for a history it no longer holds. */
    private void forgetAll() {
        snapshots.clear();
        withSpheres.clear();
        failures.clear();
    }

    /**
     * The community's current snapshot for a read of it (of one member, or of the whole community
     * when {@code memberId} is null), or null when the projection has no such community. A member
     * the projection knows but no snapshot includes yet (the first read right after registering) gets
     * one computed on the spot, so a registered member never reads as unknown; otherwise reads never
     * wait for an influence computation. (A read of the snapshot's spheres may wait for them, once
     * per snapshot, when the warm-up has not found them yet: see {@link SnapshotSpheres}; a
     * member's reputation does not, see {@link #newestWithSpheres}.)
     *
     * @throws ReputationReplaying  while the history stored at start is being replayed
     * @throws ReputationUnavailable when the community's reputation cannot be computed
     */
    ReputationSnapshot forReading(String communityId, String memberId) {
        if (replaying()) {
            ReplayProgress.Replay replay = progress.replay();
            throw new ReputationReplaying(replay.replayed(), replay.total());
        }
        CommunityNetwork network = projection.network(communityId);
        if (network == null) {
            return null;
        }
        ReputationSnapshot snapshot = snapshots.get(communityId);
        Optional<String> failure = failure(communityId);
        if (failure.isPresent()) {
            throw new ReputationUnavailable(communityId, failure.get());
        }
        boolean known = memberId == null || network.indexOf(memberId) != null;
        if (snapshot == null || (known && memberId != null && snapshot.network().nodeOf(memberId) < 0)) {
            try {
                recompute(communityId);
            } catch (RuntimeException recorded) {
                throw new ReputationUnavailable(communityId, failure(communityId).orElse(recorded.toString()));
            }
            snapshot = snapshots.get(communityId);
        }
        return snapshot;
    }

    /** How current an answer from {@code snapshot} is, against its community's network now. */
    Freshness freshness(ReputationSnapshot snapshot) {
        return freshness(snapshot, snapshot);
    }

    /**
     * How current an answer from {@code snapshot} is when part of it comes from {@code oldestPart}, an
     * older snapshot (a member's sphere, see {@link #newestWithSpheres}): behind by what that part
     * misses, so that {@code upToDate} still means that every part includes every stored event.
     */
    Freshness freshness(ReputationSnapshot snapshot, ReputationSnapshot oldestPart) {
        FrozenNetwork computed = snapshot.network();
        // The events not processed first, the network's version after: the processor applies an event
        // before it advances its position, so a position that counts an event means a version that
        // counts it. Read the other way round, an event handled between the two reads was in neither,
        // and an answer without it was called up to date (seen in CI: a renamed member shown by the
        // old name, a settings change missing from the leaderboard).
        long unprocessed = progress == null ? 0 : progress.eventsBehind();
        long current = projection.network(computed.communityId()).version();
        // Behind by the community's changes seen but not computed yet, and by the events not processed
        // yet: upToDate is exactly "behind by none", so the two fields never disagree.
        long behind = unprocessed < 0 ? -1 : unprocessed + (current - oldestPart.network().version());
        return new Freshness(snapshot.computedAt(), computed.version(), current, behind == 0, behind,
                snapshot.computeMillis(), computed.lastEventAt());
    }
}
