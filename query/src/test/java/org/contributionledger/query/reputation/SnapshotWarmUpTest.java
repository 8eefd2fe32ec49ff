package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contributionledger.query.reputation.ReputationScenario.COMMUNITY;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.trust.TrustDeclared;
import org.junit.jupiter.api.Test;

/**
 * A snapshot's spheres and drawing are made once, off the recomputation: by the warm-up of the latest
 * snapshot, or by the first reads, which then share one computation. Counted through the package's
 * own counters ({@link ReputationSnapshots#spheresFindings()}, {@link NetworkDrawings#layoutsMade()}).
 */
class SnapshotWarmUpTest {

    private static final Instant AT = Instant.parse("2025-05-30T10:00:00Z");
    private static final int GROUPS = 12;
    private static final int GROUP_SIZE = 60;

    /** The reputation, its drawings, and a warm-up whose tasks wait in {@code queued} until the test runs them. */
    private final StandaloneReputation reputation = ReputationScenario.newReputation();
    private final NetworkDrawings drawings = new NetworkDrawings(reputation.snapshots());
    private final Queue<Runnable> queued = new ArrayDeque<>();
    /** Never called by the tests: it hears of each published snapshot from the snapshots themselves. */
    private final SnapshotWarmUp warmUp = new SnapshotWarmUp(reputation.snapshots(), drawings, queued::add);

    /**
     * Groups of members who trust each other around a ring, each group tied to the next by one member:
     * enough for finding the spheres to take a while, so that concurrent readers overlap.
     */
    private void community() {
        ReputationProjection projection = reputation.projection();
        projection.on(new CommunityCreated(COMMUNITY, "Groups", CommunitySettings.defaults()));
        for (int member = 0; member < GROUPS * GROUP_SIZE; member++) {
            projection.on(new MemberRegistered(COMMUNITY, id(member), null), AT);
        }
        for (int group = 0; group < GROUPS; group++) {
            int first = group * GROUP_SIZE;
            for (int k = 0; k < GROUP_SIZE; k++) {
                for (int step : new int[] {1, 2, 5}) {
                    trust(first + k, first + (k + step) % GROUP_SIZE, 1 + (k + step) % 10);
                }
            }
            trust(first, ((group + 1) % GROUPS) * GROUP_SIZE + 1, 3);
        }
    }

    private void trust(int truster, int trustee, int level) {
        reputation.projection().on(new TrustDeclared(COMMUNITY, id(truster), id(trustee), null, level, null, AT), AT);
    }

    private static String id(int member) {
        return String.format("m%04d", member);
    }

    private ReputationSnapshot latest() {
        return reputation.snapshots().latest(COMMUNITY);
    }

    private void runQueuedWarmUps() {
        while (!queued.isEmpty()) {
            queued.remove().run();
        }
    }

    @Test
    void theRecomputationPublishesInfluenceWithoutFindingTheSpheres() {
        community();
        reputation.snapshots().recomputeNow();

        assertThat(latest()).isNotNull();
        assertThat(latest().snapshotSpheres().isFound()).isFalse();
        reputation.queries().handle(new FindLeaderboard(COMMUNITY, null, 10, 0)).orElseThrow();
        assertThat(reputation.snapshots().spheresFindings()).as("a leaderboard needs no spheres").isZero();
        assertThat(queued).as("one warm-up queued for the published snapshot").hasSize(1);
    }

    @Test
    void aSnapshotsSpheresAndDrawingAreMadeOnceHoweverManyReaders() throws Exception {
        community();
        reputation.snapshots().recomputeNow();
        ReputationSnapshot snapshot = latest();

        int readers = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Object>> reads = new ArrayList<>();
        for (int reader = 0; reader < readers; reader++) {
            int which = reader;
            reads.add(() -> {
                start.await();
                return switch (which % 4) {
                    case 0 -> reputation.queries().handle(new FindSpheres(COMMUNITY)).orElseThrow().modularity();
                    case 1 -> reputation.queries().handle(new FindReputation(COMMUNITY, id(which), 3)).orElseThrow()
                            .sphere().sphere();
                    case 2 -> reputation.queries().handle(new FindSphere(COMMUNITY, 1)).orElseThrow().size();
                    default -> drawings.handle(new FindNetworkDrawing(COMMUNITY)).orElseThrow().nodes().size();
                };
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<Object>> answers = new ArrayList<>();
            for (Callable<Object> read : reads) {
                answers.add(pool.submit(read));
            }
            start.countDown();
            for (Future<Object> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(reputation.snapshots().spheresFindings()).as("spheres found").isEqualTo(1);
        assertThat(drawings.layoutsMade()).as("layouts made").isEqualTo(1);
        assertThat(latest()).as("no other snapshot meanwhile").isSameAs(snapshot);

        // The warm-up queued at publication comes after the readers: it finds everything made already.
        runQueuedWarmUps();
        assertThat(reputation.snapshots().spheresFindings()).isEqualTo(1);
        assertThat(drawings.layoutsMade()).isEqualTo(1);
    }

    private NetworkDrawing readDrawing() {
        return drawings.handle(new FindNetworkDrawing(COMMUNITY)).orElseThrow();
    }

    /** A change of trust, then the recomputation: a new snapshot is published. */
    private ReputationSnapshot nextSnapshot(int level) {
        trust(0, GROUP_SIZE * 5, level);
        reputation.snapshots().recomputeNow();
        return latest();
    }

    @Test
    void theWarmUpMakesSpheresAndDrawingSoThatReadsFindThemReady() {
        community();
        reputation.snapshots().recomputeNow();
        readDrawing(); // someone looks at the network
        ReputationSnapshot next = nextSnapshot(9);
        assertThat(next.snapshotSpheres().isFound()).isFalse();
        assertThat(drawings.isDrawn(next)).isFalse();

        runQueuedWarmUps();

        assertThat(next.snapshotSpheres().isFound()).isTrue();
        assertThat(drawings.isDrawn(next)).isTrue();
        CommunitySpheres spheres = reputation.queries().handle(new FindSpheres(COMMUNITY)).orElseThrow();
        NetworkDrawing drawing = readDrawing();
        assertThat(spheres.sphereCount()).isGreaterThan(1);
        assertThat(drawing.nodes()).hasSize(GROUPS * GROUP_SIZE);
        assertThat(drawing.freshness().computedVersion()).isEqualTo(next.network().version());
        assertThat(reputation.snapshots().spheresFindings()).as("both snapshots' spheres, once each").isEqualTo(2);
        assertThat(drawings.layoutsMade()).as("both snapshots' drawings, once each").isEqualTo(2);
    }

    @Test
    void aMemberReadTakesTheSphereOfTheNewestSnapshotWhoseSpheresAreFoundWithoutWaiting() {
        community();
        reputation.snapshots().recomputeNow();
        ReputationSnapshot first = latest();
        MemberReputation before = reputation.queries().handle(new FindReputation(COMMUNITY, id(0), 3)).orElseThrow();
        assertThat(reputation.snapshots().spheresFindings()).as("the community's first spheres: waited for, once")
                .isEqualTo(1);
        assertThat(before.sphere().computedVersion()).isEqualTo(first.network().version());

        ReputationSnapshot next = nextSnapshot(9);
        MemberReputation during = reputation.queries().handle(new FindReputation(COMMUNITY, id(0), 3)).orElseThrow();

        assertThat(next.spheresFound()).as("the read did not find the newer snapshot's spheres").isFalse();
        assertThat(reputation.snapshots().spheresFindings()).isEqualTo(1);
        assertThat(during.freshness().computedVersion()).as("influence from the newer snapshot")
                .isEqualTo(next.network().version());
        assertThat(during.sphere()).as("the sphere from the older one, saying so").isEqualTo(before.sphere());
        assertThat(during.freshness().upToDate()).as("not up to date while a part of it is older").isFalse();
        assertThat(during.freshness().eventsBehind()).isEqualTo(next.network().version() - first.network().version());

        runQueuedWarmUps();
        MemberReputation after = reputation.queries().handle(new FindReputation(COMMUNITY, id(0), 3)).orElseThrow();

        assertThat(after.sphere().computedVersion()).isEqualTo(next.network().version());
        assertThat(after.freshness().upToDate()).isTrue();
        assertThat(reputation.snapshots().spheresFindings()).isEqualTo(2);
    }

    @Test
    void aDrawingNobodyReadIsNotFollowedByOneInAdvance() {
        community();
        reputation.snapshots().recomputeNow();
        readDrawing();
        nextSnapshot(9);
        runQueuedWarmUps();
        assertThat(drawings.layoutsMade()).as("drawn in advance: the previous drawing was read").isEqualTo(2);

        ReputationSnapshot unwatched = nextSnapshot(8);
        runQueuedWarmUps();

        assertThat(unwatched.snapshotSpheres().isFound()).as("spheres are found all the same").isTrue();
        assertThat(drawings.isDrawn(unwatched)).isFalse();
        assertThat(drawings.layoutsMade()).isEqualTo(2);
        assertThat(readDrawing().freshness().computedVersion()).as("the read draws it")
                .isEqualTo(unwatched.network().version());
        assertThat(drawings.layoutsMade()).isEqualTo(3);
    }

    @Test
    void aNewerSnapshotSupersedesTheWarmUpOfAnOlderOne() {
        community();
        reputation.snapshots().recomputeNow();
        readDrawing();
        runQueuedWarmUps();
        ReputationSnapshot older = nextSnapshot(9);
        ReputationSnapshot newer = nextSnapshot(8);
        assertThat(newer).isNotSameAs(older);
        assertThat(queued).as("a burst of snapshots queues one warm-up").hasSize(1);

        runQueuedWarmUps();

        assertThat(older.snapshotSpheres().isFound()).as("the older snapshot's spheres").isFalse();
        assertThat(newer.snapshotSpheres().isFound()).as("the newer snapshot's spheres").isTrue();
        assertThat(drawings.isDrawn(older)).isFalse();
        assertThat(drawings.isDrawn(newer)).isTrue();
        assertThat(reputation.snapshots().spheresFindings()).as("the first snapshot's and the newer's").isEqualTo(2);
        assertThat(drawings.layoutsMade()).isEqualTo(2);
    }

    @Test
    void aLateWarmUpDrawsNothingForASupersededSnapshot() {
        community();
        reputation.snapshots().recomputeNow();
        readDrawing();
        ReputationSnapshot older = nextSnapshot(9);
        older.spheres(); // as a warm-up that found them just as the next snapshot was published
        ReputationSnapshot newer = nextSnapshot(8);

        drawings.drawInAdvance(older);

        assertThat(drawings.isDrawn(older)).isFalse();
        assertThat(drawings.layoutsMade()).as("only the drawing read").isEqualTo(1);

        drawings.drawInAdvance(newer);
        assertThat(drawings.isDrawn(newer)).as("the latest is drawn").isTrue();
    }

    @Test
    void aWarmUpAfterTheCommunityIsForgottenDoesNothing() {
        community();
        reputation.snapshots().recomputeNow();
        reputation.projection().reset(); // a replay from the start forgets every snapshot

        runQueuedWarmUps();

        assertThat(reputation.snapshots().spheresFindings()).isZero();
        assertThat(drawings.layoutsMade()).isZero();
    }
}
