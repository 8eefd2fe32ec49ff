package org.contributionledger.query.reputation.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a node has the influence it has: the parts of its score that came from each member who
 * trusts it, from dangling members and from the teleport vector.
 *
 * <p>At the fixed point the parts add up to the score:
 * <pre>
 *   t_i = sum_j (1 - alpha) * t_j * c_ji  +  (1 - alpha) * D * p_i  +  alpha * p_i
 * </pre>
 * ({@link #fromAllSources()} + {@link #fromDanglingNodes()} + {@link #fromTeleport()}), up to the
 * solver's tolerance. {@link #residual()} reports the difference. The sources split into the
 * listed top ones and the others: {@code Σ topSources + fromOtherSources = fromAllSources}, so a
 * reader who adds up what is shown gets the score.
 *
 * @param node              the explained node
 * @param score             its influence {@code t_i}
 * @param topSources        the largest contributions, largest first, at most the requested number
 * @param sourceCount       how many members trust the node in all
 * @param fromAllSources    the sum of the contributions of all sources, not only the top ones
 * @param fromOtherSources  the sum of the contributions of the sources not in {@code topSources}
 *                          (there are {@code sourceCount - topSources.size()} of them)
 * @param fromDanglingNodes {@code (1 - alpha) * D * p_i}: the share of dangling members' influence
 *                          that the teleport vector hands to this node
 * @param fromTeleport      {@code alpha * p_i}: the restart share
 */
public record Explanation(int node, double score, List<Source> topSources, int sourceCount,
                          double fromAllSources, double fromOtherSources, double fromDanglingNodes,
                          double fromTeleport) {

    public Explanation {
        topSources = List.copyOf(topSources);
    }

    /**
     * One member's part in another member's influence.
     *
     * @param node         the trusting member {@code j}
     * @param contribution {@code (1 - alpha) * t_j * c_ji}, the part of {@code t_i} that flows
     *                     from {@code j}
     * @param trustShare   {@code c_ji}: the share of {@code j}'s outgoing trust that goes to the
     *                     explained node
     * @param sourceScore  {@code t_j}: the source's own influence
     */
    public record Source(int node, double contribution, double trustShare, double sourceScore) {
    }

    /**
     * Explains a node's score.
     *
     * @param graph  the graph the result was computed on
     * @param result the solver's result
     * @param node   the node to explain
     * @param limit  how many top sources to list
     * @return the explanation; ties between equal contributions list the lower node id first
     * @throws IllegalArgumentException if the result does not belong to a graph of this size
     */
    public static Explanation of(WeightedDigraph graph, InfluenceResult result, int node, int limit) {
        int nodeCount = graph.nodeCount();
        if (result.nodeCount() != nodeCount) {
            throw new IllegalArgumentException("The result has " + result.nodeCount()
                    + " scores but the graph has " + nodeCount + " nodes");
        }
        if (node < 0 || node >= nodeCount) {
            throw new IllegalArgumentException("Node " + node + " is outside 0.." + (nodeCount - 1));
        }
        double[] scores = result.scoresView();
        double damping = 1 - result.alpha();
        int start = graph.inOffsets()[node];
        int end = graph.inOffsets()[node + 1];
        int[] sources = graph.inSources();
        double[] shares = graph.inShares();

        List<Source> all = new ArrayList<>(end - start);
        double fromAllSources = 0;
        for (int edge = start; edge < end; edge++) {
            int source = sources[edge];
            double contribution = damping * scores[source] * shares[edge];
            fromAllSources += contribution;
            all.add(new Source(source, contribution, shares[edge], scores[source]));
        }
        // In-rows are sorted by source id and List.sort is stable, so equal contributions keep
        // ascending node order.
        all.sort((left, right) -> Double.compare(right.contribution(), left.contribution()));
        List<Source> top = all.subList(0, Math.min(Math.max(limit, 0), all.size()));
        double fromOtherSources = 0;
        for (Source other : all.subList(top.size(), all.size())) {
            fromOtherSources += other.contribution();
        }

        double danglingMass = 0;
        for (int dangling : graph.danglingNodes()) {
            danglingMass += scores[dangling];
        }
        double teleportProbability = result.teleport().probability(node, nodeCount);
        return new Explanation(node, scores[node], top, end - start, fromAllSources, fromOtherSources,
                damping * danglingMass * teleportProbability, result.alpha() * teleportProbability);
    }

    /** @return how many sources are not among {@code topSources} */
    public int otherSourceCount() {
        return sourceCount - topSources.size();
    }

    /** @return the score minus the sum of its parts; near zero once the solver has converged */
    public double residual() {
        return score - (fromAllSources + fromDanglingNodes + fromTeleport);
    }
}
