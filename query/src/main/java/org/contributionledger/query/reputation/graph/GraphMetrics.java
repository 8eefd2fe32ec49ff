package org.contributionledger.query.reputation.graph;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Descriptive measures of a trust graph and of score distributions.
 *
 * <p>Reciprocity-type measures use the fact that every out-row and in-row of a {@link WeightedDigraph}
 * is sorted: the returned ties of a node are the intersection of its successors and its
 * predecessors, found by merging two sorted lists, so no hashing or searching is needed.
 *
 * <p>A self-loop (a member trusting itself) is never counted as a returned tie.
 */
public final class GraphMetrics {

    private GraphMetrics() {
    }

    /**
     * Edgewise reciprocity: the share of directed edges whose reverse edge also exists. Equals
     * {@code networkx.overall_reciprocity} (self-loops count in the denominator only).
     *
     * @param graph a graph
     * @return a value in [0, 1]; 0 for a graph without edges
     */
    public static double edgewiseReciprocity(WeightedDigraph graph) {
        if (graph.edgeCount() == 0) {
            return 0;
        }
        return (double) returnedEdges(graph) / graph.edgeCount();
    }

    /**
     * @param graph a graph
     * @return the number of unordered pairs {i, j}, i != j, with edges in both directions
     */
    public static long mutualPairs(WeightedDigraph graph) {
        return returnedEdges(graph) / 2;
    }

    /**
     * Garlaschelli–Loffredo reciprocity {@code rho = (r - a) / (1 - a)}, where {@code r} is the
     * edgewise reciprocity and {@code a = E / (N (N - 1))} the density. It compares reciprocity
     * with what a random graph of the same density would show: 0 means no more mutual ties than
     * chance, positive values more, negative values fewer. Self-loops are left out of both
     * {@code r} and {@code E}, as the measure is defined for graphs without them.
     *
     * @param graph a graph
     * @return rho; 0 when the graph has fewer than two nodes or no edges besides self-loops
     */
    public static double garlaschelliLoffredoReciprocity(WeightedDigraph graph) {
        long nodes = graph.nodeCount();
        long edges = graph.edgeCount() - selfLoops(graph);
        if (nodes < 2 || edges == 0) {
            return 0;
        }
        double reciprocity = (double) returnedEdges(graph) / edges;
        double density = (double) edges / (nodes * (nodes - 1));
        if (density == 1) {
            // A complete graph: every tie is necessarily returned, and rho is taken as 1.
            return 1;
        }
        return (reciprocity - density) / (1 - density);
    }

    /**
     * A member's "character": the share of the members it trusts who trust it back.
     *
     * @param graph a graph
     * @param node  a node id
     * @return the share in [0, 1], or empty when the node trusts nobody
     */
    public static OptionalDouble character(WeightedDigraph graph, int node) {
        int outDegree = graph.outDegree(node);
        if (outDegree == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) returnedTies(graph, node) / outDegree);
    }

    /**
     * Reach: how many distinct members are within two hops of a node when the direction of trust
     * is ignored (neighbours and neighbours of neighbours), not counting the node itself.
     *
     * @param graph a graph
     * @param node  a node id
     * @return the number of members reached
     */
    public static int reach(WeightedDigraph graph, int node) {
        int[] outOffsets = graph.outOffsets();
        int[] outTargets = graph.outTargets();
        int[] inOffsets = graph.inOffsets();
        int[] inSources = graph.inSources();

        // Collect every node seen within two hops, then count distinct ids by sorting. This needs
        // memory proportional to the neighbourhood, not to the whole graph.
        int firstHop = graph.outDegree(node) + graph.inDegree(node);
        long size = firstHop;
        for (int position = outOffsets[node]; position < outOffsets[node + 1]; position++) {
            size += graph.outDegree(outTargets[position]) + graph.inDegree(outTargets[position]);
        }
        for (int position = inOffsets[node]; position < inOffsets[node + 1]; position++) {
            size += graph.outDegree(inSources[position]) + graph.inDegree(inSources[position]);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("Two-hop neighbourhood of node " + node + " is too large to count");
        }
        int[] seen = new int[(int) size];
        int count = 0;
        count = appendRange(seen, count, outTargets, outOffsets[node], outOffsets[node + 1]);
        count = appendRange(seen, count, inSources, inOffsets[node], inOffsets[node + 1]);
        for (int index = 0; index < firstHop; index++) {
            int neighbour = seen[index];
            count = appendRange(seen, count, outTargets, outOffsets[neighbour], outOffsets[neighbour + 1]);
            count = appendRange(seen, count, inSources, inOffsets[neighbour], inOffsets[neighbour + 1]);
        }
        Arrays.sort(seen, 0, count);
        int distinct = 0;
        for (int index = 0; index < count; index++) {
            if ((index == 0 || seen[index] != seen[index - 1]) && seen[index] != node) {
                distinct++;
            }
        }
        return distinct;
    }

    /**
     * Gini coefficient of non-negative values: 0 when all are equal, approaching 1 when one holds
     * everything. Computed as {@code sum_i sum_j |x_i - x_j| / (2 n^2 mean)} via the sorted form
     * {@code (2 sum_k k x_(k)) / (n sum x) - (n + 1) / n}.
     *
     * @param values the values; not modified
     * @return the coefficient; 0 for no values or an all-zero array
     * @throws IllegalArgumentException if a value is negative, infinite or NaN
     */
    public static double gini(double[] values) {
        double[] sorted = values.clone();
        for (double value : sorted) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("Gini needs finite non-negative values: " + value);
            }
        }
        Arrays.sort(sorted);
        int n = sorted.length;
        double total = 0;
        double weighted = 0;
        for (int index = 0; index < n; index++) {
            total += sorted[index];
            weighted += (index + 1) * sorted[index];
        }
        if (n == 0 || total == 0) {
            return 0;
        }
        return 2 * weighted / (n * total) - (n + 1.0) / n;
    }

    /**
     * Shannon diversity of a weight distribution: the entropy {@code -sum p_k ln p_k} in nats, with
     * {@code p_k = w_k / sum w}. Zero weights are skipped. It is {@code ln n} when n weights are
     * equal and 0 when one weight holds everything.
     *
     * @param weights the weights; not modified
     * @return the entropy; 0 when there is no positive weight
     * @throws IllegalArgumentException if a weight is negative, infinite or NaN
     */
    public static double shannonDiversity(double[] weights) {
        double total = 0;
        for (double weight : weights) {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("Shannon diversity needs finite non-negative weights: " + weight);
            }
            total += weight;
        }
        if (total == 0) {
            return 0;
        }
        double entropy = 0;
        for (double weight : weights) {
            if (weight > 0) {
                double share = weight / total;
                entropy -= share * Math.log(share);
            }
        }
        return entropy;
    }

    private static int appendRange(int[] into, int count, int[] from, int start, int end) {
        System.arraycopy(from, start, into, count, end - start);
        return count + end - start;
    }

    /** Directed edges i -> j, i != j, whose reverse j -> i exists. */
    private static long returnedEdges(WeightedDigraph graph) {
        long returned = 0;
        for (int node = 0; node < graph.nodeCount(); node++) {
            returned += returnedTies(graph, node);
        }
        return returned;
    }

    /** The size of successors(node) ∩ predecessors(node), without the node itself. */
    private static int returnedTies(WeightedDigraph graph, int node) {
        int[] outTargets = graph.outTargets();
        int[] inSources = graph.inSources();
        int out = graph.outOffsets()[node];
        int outEnd = graph.outOffsets()[node + 1];
        int in = graph.inOffsets()[node];
        int inEnd = graph.inOffsets()[node + 1];
        int returned = 0;
        while (out < outEnd && in < inEnd) {
            int target = outTargets[out];
            int source = inSources[in];
            if (target < source) {
                out++;
            } else if (target > source) {
                in++;
            } else {
                if (target != node) {
                    returned++;
                }
                out++;
                in++;
            }
        }
        return returned;
    }

    private static long selfLoops(WeightedDigraph graph) {
        long loops = 0;
        for (int node = 0; node < graph.nodeCount(); node++) {
            if (graph.hasEdge(node, node)) {
                loops++;
            }
        }
        return loops;
    }
}
