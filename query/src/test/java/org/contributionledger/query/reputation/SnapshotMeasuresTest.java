package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contributionledger.query.reputation.ReputationScenario.COMMUNITY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.query.reputation.graph.GraphMetrics;
import org.junit.jupiter.api.Test;

/**
 * A snapshot's kept measures are the measures of its network: each member's reach, whoever asks
 * first and however many ask at once, and the network statistics, stamped with each read's freshness.
 */
class SnapshotMeasuresTest {

    private static final Instant AT = Instant.parse("2025-05-30T10:00:00Z");
    private static final int MEMBERS = 120;

    private final StandaloneReputation reputation = ReputationScenario.newReputation();

    /** A ring of trust with chords chosen by a fixed seed, and one distrust: every measure has something to count. */
    private ReputationSnapshot snapshot() {
        ReputationProjection projection = reputation.projection();
        projection.on(new CommunityCreated(COMMUNITY, "Ring", CommunitySettings.defaults()));
        for (int member = 0; member < MEMBERS; member++) {
            projection.on(new MemberRegistered(COMMUNITY, "m" + member, null), AT);
        }
        Random random = new Random(11);
        for (int member = 0; member < MEMBERS; member++) {
            trust(member, (member + 1) % MEMBERS, 5);
            trust(member, random.nextInt(MEMBERS), 1 + random.nextInt(10));
        }
        trust(3, 4, -5);
        reputation.snapshots().recomputeNow();
        return reputation.snapshots().latest(COMMUNITY);
    }

    private void trust(int truster, int trustee, int level) {
        if (truster != trustee) {
            reputation.projection().on(new TrustDeclared(COMMUNITY, "m" + truster, "m" + trustee, null, level, null, AT),
                    AT);
        }
    }

    @Test
    void eachMembersReachAndBreadthAreThoseOfTheNetworkHoweverManyAskAtOnce() throws Exception {
        ReputationSnapshot snapshot = snapshot();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> answers = new ArrayList<>();
            for (int reader = 0; reader < 4; reader++) {
                answers.add(pool.submit(() -> {
                    int[] reach = new int[MEMBERS];
                    for (int node = 0; node < MEMBERS; node++) {
                        reach[node] = snapshot.measures().reach(node);
                    }
                    return reach;
                }));
            }
            for (Future<int[]> answer : answers) {
                int[] reach = answer.get(30, TimeUnit.SECONDS);
                for (int node = 0; node < MEMBERS; node++) {
                    assertThat(reach[node]).as("reach of node %d", node)
                            .isEqualTo(GraphMetrics.reach(snapshot.network().contacts(), node));
                }
            }
            for (int node = 0; node < MEMBERS; node++) {
                assertThat(snapshot.measures().breadth(node)).as("breadth of node %d, kept", node)
                        .isSameAs(snapshot.measures().breadth(node))
                        .isEqualTo(new SnapshotMeasures(snapshot.network()).breadth(node));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theStatisticsAreComputedOnceAndStampedWithEachReadsFreshness() {
        ReputationSnapshot snapshot = snapshot();
        Freshness first = reputation.snapshots().freshness(snapshot);
        Freshness later = new Freshness(first.computedAt(), first.computedVersion(), first.currentVersion() + 1, false,
                1, first.computeMillis(), first.lastEventAt());

        NetworkStats one = snapshot.measures().stats(first);
        NetworkStats two = snapshot.measures().stats(later);
        NetworkStats fresh = new SnapshotMeasures(snapshot.network()).stats(later);

        assertThat(one.freshness()).isEqualTo(first);
        assertThat(two.freshness()).isEqualTo(later);
        assertThat(two).isEqualTo(fresh);
        assertThat(two.trust()).isSameAs(one.trust()).as("kept, not computed again");
        assertThat(two.trust().negativeTies()).isEqualTo(1);
        assertThat(two.trust().allTies()).isEqualTo(snapshot.network().ties().edgeCount());
    }
}
