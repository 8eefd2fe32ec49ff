package org.contributionledger.query.reputation;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.contributionledger.query.reputation.graph.InfluenceResult;
import org.contributionledger.query.reputation.graph.InfluenceSolver;
import org.contributionledger.query.reputation.graph.Ranking;
import org.contributionledger.query.reputation.graph.Teleport;
import org.contributionledger.query.reputation.graph.WeightedDigraph;
import org.contributionledger.query.reputation.spheres.Spheres;

/**
 * Reputation of a community computed from one {@link FrozenNetwork}: overall influence and influence
 * per category, and the spheres of influence of the same network. Immutable but for its spheres,
 * which are found once, after the snapshot is published ({@link SnapshotSpheres}): queries read
 * whichever snapshot is current, and get the spheres of the snapshot they read.
 * Measures that reads ask for again and again are kept with it ({@link SnapshotMeasures}).
 * {@code computeMillis} is the influence computation, the one that makes the snapshot.
 */
record ReputationSnapshot(FrozenNetwork network, Teleport teleport, InfluenceResult overall, Ranking overallRanking,
                          Map<String, InfluenceResult> byCategory, Map<String, Ranking> categoryRankings,
                          SnapshotSpheres snapshotSpheres, SnapshotMeasures measures, Instant computedAt,
                          long computeMillis) {

    /**
     * Solves every graph of the network, each warm-started from the previous snapshot's scores: after
     * a small change the previous fixed point is close, so far fewer iterations are needed. The
     * spheres are left to be found later, under {@code spheresLock} (one finding per community at a
     * time), each finding told to {@code onSpheresFinding}.
     */
    static ReputationSnapshot compute(FrozenNetwork network, ReputationSnapshot last, Instant now,
                                      Object spheresLock, Runnable onSpheresFinding) {
        long start = System.nanoTime();
        // After a merge the nodes are renumbered: the last scores belong to other members then.
        ReputationSnapshot previous = last != null && membersOnlyAppended(last.network(), network) ? last : null;
        Teleport teleport = teleport(network);
        InfluenceResult overall = solve(network.overall(), teleport, network.alpha(),
                previous == null ? null : previous.overall());
        Map<String, InfluenceResult> byCategory = new HashMap<>();
        Map<String, Ranking> categoryRankings = new HashMap<>();
        network.byCategory().forEach((category, graph) -> {
            InfluenceResult result = solve(graph, teleport, network.alpha(),
                    previous == null ? null : previous.byCategory().get(category));
            if (result != null) {
                byCategory.put(category, result);
                categoryRankings.put(category, result.ranking());
            }
        });
        long end = System.nanoTime();
        return new ReputationSnapshot(network, teleport, overall, overall == null ? null : overall.ranking(),
                Map.copyOf(byCategory), Map.copyOf(categoryRankings),
                new SnapshotSpheres(network, overall, spheresLock, onSpheresFinding), new SnapshotMeasures(network), now,
                (end - start) / 1_000_000);
    }

    /**
     * The spheres of this snapshot's network: found by the first caller (or the background warm-up)
     * and kept, so the caller may wait for them once per snapshot.
     *
     * @throws ReputationUnavailable when the sphere engine failed on this network
     */
    Spheres spheres() {
        return snapshotSpheres.spheres();
    }

    /** True once this snapshot's spheres are found (or failed to be); never waits. */
    boolean spheresFound() {
        return snapshotSpheres.isFound();
    }

    /** How long finding this snapshot's spheres took (finding them first if needed). */
    long spheresMillis() {
        return snapshotSpheres.computeMillis();
    }

    /**
     * EigenTrust's {@code p}: the community's pre-trusted members when it names some (and they are
     * registered and active), otherwise every active member equally.
     */
    static Teleport teleport(FrozenNetwork network) {
        if (network.preTrusted().length > 0) {
            return Teleport.preTrusted(network.preTrusted());
        }
        int n = network.memberCount();
        int activeCount = 0;
        for (boolean active : network.active()) {
            activeCount += active ? 1 : 0;
        }
        if (activeCount == n || activeCount == 0) {
            return Teleport.uniform();
        }
        int[] activeNodes = new int[activeCount];
        for (int i = 0, next = 0; i < n; i++) {
            if (network.active()[i]) {
                activeNodes[next++] = i;
            }
        }
        return Teleport.preTrusted(activeNodes);
    }

    /** True when node i of {@code before} is node i of {@code after} for every node of {@code before}. */
    private static boolean membersOnlyAppended(FrozenNetwork before, FrozenNetwork after) {
        int count = before.memberCount();
        return count <= after.memberCount() && before.memberIds().equals(after.memberIds().subList(0, count));
    }

    static InfluenceResult solve(WeightedDigraph graph, Teleport teleport, double alpha, InfluenceResult previous) {
        if (graph.nodeCount() == 0) {
            return null;
        }
        double[] warmStart = null;
        if (previous != null && previous.nodeCount() > 0) {
            // Members are only ever appended, so node i is the same member in both; newcomers start at 1/N.
            warmStart = new double[graph.nodeCount()];
            double newcomer = 1.0 / graph.nodeCount();
            for (int i = 0; i < warmStart.length; i++) {
                warmStart[i] = i < previous.nodeCount() ? previous.score(i) : newcomer;
            }
        }
        return InfluenceSolver.solve(graph, teleport, alpha, InfluenceSolver.DEFAULT_TOLERANCE,
                InfluenceSolver.DEFAULT_MAX_ITERATIONS, warmStart);
    }

    InfluenceResult influence(String category) {
        return category == null ? overall : byCategory.get(category);
    }

    Ranking ranking(String category) {
        return category == null ? overallRanking : categoryRankings.get(category);
    }

    WeightedDigraph graph(String category) {
        return category == null ? network.overall() : network.byCategory().get(category);
    }
}
