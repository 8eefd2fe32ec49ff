package org.contributionledger.query.reputation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.contributionledger.query.reputation.graph.GraphMetrics;
import org.contributionledger.query.reputation.graph.WeightedDigraph;

/**
 * Measures of one snapshot's network that reads ask for again and again, each computed on first
 * need and then kept for the snapshot's life: the community's network statistics, and each member's
 * reach and breadth.
 * <p>
 * They walk every tie (the statistics), every tie two hops out (a reach) or every partner (a
 * breadth): on a dense community of 1,000 members and 300,000 acts, computed per read, they capped
 * the stats read at about 200 a second and the reputation read under 1,000. A snapshot
 * never changes, so neither do they. Two readers that race compute the same value; either one is
 * kept, which is why no lock is needed.
 */
final class SnapshotMeasures {

    private static final int NOT_YET = -1;

    private final FrozenNetwork network;
    /** Without freshness, which belongs to each answer. */
    private volatile NetworkStats stats;
    private final AtomicIntegerArray reach;
    private final AtomicReferenceArray<MemberReputation.Breadth> breadth;

    SnapshotMeasures(FrozenNetwork network) {
        this.network = network;
        this.reach = new AtomicIntegerArray(network.memberCount());
        this.breadth = new AtomicReferenceArray<>(network.memberCount());
        for (int node = 0; node < network.memberCount(); node++) {
            reach.set(node, NOT_YET);
        }
    }

    /** The network's statistics, stamped with {@code freshness}. */
    NetworkStats stats(Freshness freshness) {
        NetworkStats kept = stats;
        if (kept == null) {
            kept = computeStats();
            stats = kept;
        }
        return new NetworkStats(kept.trust(), kept.giving(), kept.giniOfGivenValue(), freshness);
    }

    /** Members within two hops of {@code node} over contacts (trust either way or a confirmed act either way). */
    int reach(int node) {
        int kept = reach.get(node);
        if (kept == NOT_YET) {
            kept = GraphMetrics.reach(network.contacts(), node);
            reach.set(node, kept);
        }
        return kept;
    }

    /** Whom {@code node} gave to and received from, and how evenly. */
    MemberReputation.Breadth breadth(int node) {
        MemberReputation.Breadth kept = breadth.get(node);
        if (kept == null) {
            kept = computeBreadth(node);
            breadth.set(node, kept);
        }
        return kept;
    }

    private MemberReputation.Breadth computeBreadth(int node) {
        WeightedDigraph giving = network.giving();
        Map<Integer, Double> exchanged = new LinkedHashMap<>();
        int[] receivers = giving.successors(node);
        double[] givenWeights = giving.successorWeights(node);
        for (int k = 0; k < receivers.length; k++) {
            exchanged.merge(receivers[k], givenWeights[k], Double::sum);
        }
        int[] givers = giving.predecessors(node);
        for (int giver : givers) {
            exchanged.merge(giver, giving.weight(giver, node), Double::sum);
        }
        double[] weights = exchanged.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new MemberReputation.Breadth(receivers.length, givers.length, exchanged.size(),
                network.memberCategories().get(node).stream().sorted().toList(),
                weights.length == 0 ? 0.0 : GraphMetrics.shannonDiversity(weights));
    }

    private NetworkStats computeStats() {
        long distrust = 0;
        for (int received : network.distrustReceived()) {
            distrust += received;
        }
        NetworkStats.Ties trust = ties(network.ties(), network.positiveTrust().edgeCount(), distrust);
        NetworkStats.Ties giving = ties(network.giving(), network.giving().edgeCount(), 0);
        Double gini = network.memberCount() == 0 ? null : GraphMetrics.gini(network.givenValue());
        return new NetworkStats(trust, giving, gini, null);
    }

    private static NetworkStats.Ties ties(WeightedDigraph graph, long positive, long negative) {
        if (graph.edgeCount() == 0) {
            return new NetworkStats.Ties(0, 0, 0, 0, null, null);
        }
        return new NetworkStats.Ties(graph.edgeCount(), positive, negative, GraphMetrics.mutualPairs(graph),
                GraphMetrics.edgewiseReciprocity(graph), GraphMetrics.garlaschelliLoffredoReciprocity(graph));
    }
}
