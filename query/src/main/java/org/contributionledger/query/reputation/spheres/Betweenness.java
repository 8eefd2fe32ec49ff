package org.contributionledger.query.reputation.spheres;

import java.util.SplittableRandom;

/**
 * Betweenness centrality of every node of an undirected graph whose ties all count the same (the
 * weights are ignored), by Brandes' algorithm (Brandes 2001, "A faster algorithm for betweenness
 * centrality"): one breadth-first search per source, then the dependencies accumulated back.
 *
 * <p>Normalised as {@code networkx.betweenness_centrality(G)} for an undirected graph: the share of
 * shortest paths between pairs of other nodes that pass through the node,
 * <pre>
 *   b(v) = 2 / ((n - 1)(n - 2)) * sum over pairs {s, t}, s != v != t, of sigma_st(v) / sigma_st
 * </pre>
 * (0 for every node when {@code n <= 2}).
 *
 * <p>The exact computation costs about {@code n * (n + 2t)} steps for {@code n} nodes and {@code t}
 * ties. Above {@link #EXACT_WORK_LIMIT} it runs from {@code k} sources drawn without replacement
 * with a fixed seed, {@code k} chosen to keep within the limit, and scales the sum by {@code n / k}
 * (the estimator networkx uses with its {@code k} argument).
 */
public record Betweenness(double[] values, boolean exact, int sources) {
    // values: the betweenness of each node, indexed by node; exact: every node was a source;
    // sources: how many sources the sums ran over.

    /**
     * The most breadth-first-search steps an exact computation may take, so that it stays a small
     * part of a reputation snapshot: email-Eu-core (1,005 members, 16,064 ties) needs 3.3e7 steps and
     * is exact; Bitcoin OTC (5,881 members, 18,591 ties) would need 2.5e8 and is estimated from 1,161
     * sources.
     */
    public static final long EXACT_WORK_LIMIT = 50_000_000L;

    /** At least this many sources when estimating, so an estimate is never made from a handful. */
    private static final int MIN_SOURCES = 32;

    /** The seed of the sampled sources: fixed, so the same graph always gets the same estimate. */
    public static final long SAMPLE_SEED = 12L;

    /** Betweenness of every node, exact while the graph is within {@link #EXACT_WORK_LIMIT}. */
    public static Betweenness of(UndirectedGraph graph) {
        return of(graph, EXACT_WORK_LIMIT);
    }

    /**
     * @param graph     the graph; weights are ignored
     * @param workLimit the most steps an exact computation may take
     */
    public static Betweenness of(UndirectedGraph graph, long workLimit) {
        int nodeCount = graph.nodeCount();
        long stepsPerSource = nodeCount + 2L * graph.tieCount();
        int[] sources;
        boolean exact = stepsPerSource * nodeCount <= workLimit;
        if (exact) {
            sources = new int[nodeCount];
            for (int node = 0; node < nodeCount; node++) {
                sources[node] = node;
            }
        } else {
            int count = (int) Math.max(MIN_SOURCES, Math.min(nodeCount, workLimit / Math.max(1, stepsPerSource)));
            count = Math.min(count, nodeCount);
            sources = sample(nodeCount, count, new SplittableRandom(SAMPLE_SEED));
            exact = count == nodeCount;
        }
        double[] values = accumulate(graph, sources);
        if (nodeCount > 2) {
            double scale = 1.0 / ((double) (nodeCount - 1) * (nodeCount - 2)) * ((double) nodeCount / sources.length);
            for (int node = 0; node < nodeCount; node++) {
                values[node] *= scale;
            }
        } else {
            java.util.Arrays.fill(values, 0);
        }
        return new Betweenness(values, exact, sources.length);
    }

    /** Brandes' sums of pair dependencies, each ordered pair (s, t) counted from its source s. */
    private static double[] accumulate(UndirectedGraph graph, int[] sources) {
        int nodeCount = graph.nodeCount();
        int[] offsets = graph.offsets();
        int[] neighbours = graph.neighbourArray();
        double[] centrality = new double[nodeCount];
        int[] distance = new int[nodeCount];
        double[] paths = new double[nodeCount];
        double[] dependency = new double[nodeCount];
        int[] visitOrder = new int[nodeCount];
        java.util.Arrays.fill(distance, -1);
        for (int source : sources) {
            int visited = 0;
            visitOrder[visited++] = source;
            distance[source] = 0;
            paths[source] = 1;
            for (int head = 0; head < visited; head++) {
                int node = visitOrder[head];
                int nextDistance = distance[node] + 1;
                for (int position = offsets[node]; position < offsets[node + 1]; position++) {
                    int neighbour = neighbours[position];
                    if (distance[neighbour] < 0) {
                        distance[neighbour] = nextDistance;
                        visitOrder[visited++] = neighbour;
                    }
                    if (distance[neighbour] == nextDistance) {
                        paths[neighbour] += paths[node];
                    }
                }
            }
            // Back from the farthest node: a predecessor is a neighbour one step closer to the source.
            for (int index = visited - 1; index > 0; index--) {
                int node = visitOrder[index];
                double share = (1 + dependency[node]) / paths[node];
                int previousDistance = distance[node] - 1;
                for (int position = offsets[node]; position < offsets[node + 1]; position++) {
                    int neighbour = neighbours[position];
                    if (distance[neighbour] == previousDistance) {
                        dependency[neighbour] += paths[neighbour] * share;
                    }
                }
                centrality[node] += dependency[node];
            }
            for (int index = 0; index < visited; index++) {
                int node = visitOrder[index];
                distance[node] = -1;
                paths[node] = 0;
                dependency[node] = 0;
            }
        }
        return centrality;
    }

    /** {@code count} distinct nodes drawn uniformly (a partial Fisher-Yates shuffle), ascending. */
    private static int[] sample(int nodeCount, int count, SplittableRandom random) {
        int[] nodes = new int[nodeCount];
        for (int node = 0; node < nodeCount; node++) {
            nodes[node] = node;
        }
        for (int index = 0; index < count; index++) {
            int other = index + random.nextInt(nodeCount - index);
            int swap = nodes[index];
            nodes[index] = nodes[other];
            nodes[other] = swap;
        }
        int[] chosen = java.util.Arrays.copyOf(nodes, count);
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    /** @return the betweenness of the node */
    public double at(int node) {
        return values[node];
    }
}
