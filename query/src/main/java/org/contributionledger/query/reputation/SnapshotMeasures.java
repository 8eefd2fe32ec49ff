package org.contributionledger.query.reputation;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.contributionledger.query.reputation.graph.GraphMetrics;
import org.contributionledger.query.reputation.graph.WeightedDigraph;

/**
 * Measures of one snapshot's network that reads ask for again and again, each computed on first
 * need and then kept for the snapshot's life: the community's network statistics, and each member's
 * reach.
 * <p>
 * Both walk every tie (the statistics) or every tie two hops out (a reach): on a dense community of
 * 1,000 members and a million acts, tens of milliseconds per read where the rest of the read takes
 * well under one, so computed per read they capped the stats read at about 200 a second. A snapshot
 * never changes, so neither do they. Two readers that race compute the same value; either one is
 * kept, which is why no lock is needed.
 */
final class SnapshotMeasures {

    private static final int NOT_YET = -1;

    private final FrozenNetwork network;
    /** Without freshness, which belongs to each answer. */
    private volatile NetworkStats stats;
    private final AtomicIntegerArray reach;

    SnapshotMeasures(FrozenNetwork network) {
        this.network = network;
        this.reach = new AtomicIntegerArray(network.memberCount());
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
