package org.contributionledger.query.reputation;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.contributionledger.query.reputation.graph.InfluenceResult;
import org.contributionledger.query.reputation.graph.InfluenceSolver;
import org.contributionledger.query.reputation.graph.Ranking;
import org.contributionledger.query.reputation.graph.Teleport;
import org.contributionledger.query.reputation.graph.WeightedDigraph;
import org.contributionledger.query.reputation.spheres.Spheres;

/**
 * Reputation of a community computed from one {@link FrozenNetwork}: overall influence, influence
 * per category, and the spheres of influence. Immutable; queries read whichever snapshot is current.
 * {@code computeMillis} is the whole computation, {@code spheresMillis} the part spent on the spheres.
 */
record ReputationSnapshot(FrozenNetwork network, Teleport teleport, InfluenceResult overall, Ranking overallRanking,
                          Map<String, InfluenceResult> byCategory, Map<String, Ranking> categoryRankings,
                          Spheres spheres, Instant computedAt, long computeMillis, long spheresMillis) {

    /**
     * Solves every graph of the network, each warm-started from the previous snapshot's scores: after
     * a small change the previous fixed point is close, so far fewer iterations are needed.
     */
    static ReputationSnapshot compute(FrozenNetwork network, ReputationSnapshot last, Instant now) {
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
        // The spheres need the overall influence (their shares of it), so they come last.
        long spheresStart = System.nanoTime();
        Spheres spheres = Spheres.of(network.overall(), network.contacts(), overall == null ? null : overall.scores(),
                network.alpha(), idOrder(network.memberIds()));
        long end = System.nanoTime();
        return new ReputationSnapshot(network, teleport, overall, overall == null ? null : overall.ranking(),
                Map.copyOf(byCategory), Map.copyOf(categoryRankings), spheres, now, (end - start) / 1_000_000,
                (end - spheresStart) / 1_000_000);
    }

    /** Each node's rank in the order of member ids: of two spheres of one size, the smallest id's comes first. */
    private static int[] idOrder(List<String> memberIds) {
        int[] byId = IntStream.range(0, memberIds.size()).boxed()
                .sorted(Comparator.comparing(memberIds::get))
                .mapToInt(Integer::intValue).toArray();
        int[] order = new int[byId.length];
        for (int rank = 0; rank < byId.length; rank++) {
            order[byId[rank]] = rank;
        }
        return order;
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
