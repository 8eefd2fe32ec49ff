package org.contributionledger.query.reputation.graph;

import java.util.Arrays;

/**
 * An immutable weighted directed graph, stored in compressed sparse row (CSR) form. It holds
 * whatever relation the caller builds it from: local trust for the influence solver, and equally
 * a community's giving, tie or contact graph for the metrics.
 *
 * <p>Nodes are dense integers {@code 0..nodeCount-1}; the caller maps member ids to them. An edge
 * {@code i -> j} has a weight {@code s_ij > 0}; in a trust graph it says that member {@code i}
 * trusts member {@code j}, which is how the influence solver reads every graph it is given.
 * Duplicate edges given to the factory are summed, and edges whose summed weight is zero are
 * dropped, so a tie exists exactly when its weight is positive. Self-loops are kept as given.
 *
 * <p>The graph keeps two views of the same edges:
 * <ul>
 *   <li>the out-edges of each node, sorted by target, with the raw weights {@code s_ij}, used for
 *       look-ups and the metrics;</li>
 *   <li>the in-edges of each node, sorted by source, with the normalised weights
 *       {@code c_ji = s_ji / sum_k s_jk}, which the influence solver reads in one sequential pass
 *       per iteration.</li>
 * </ul>
 * The normalised weights are computed once when the graph is built, so solving several teleport
 * vectors on one graph does not repeat that work.
 *
 * <p>Building takes three counting-sort passes (by target, then stably by source, which leaves
 * every out-row sorted; then a transpose into in-rows), linear in the number of nodes plus edges
 * and with no comparisons. The arrays take 24 bytes per edge plus about 16 bytes per node; see
 * {@link #arrayBytes()}.
 */
public final class WeightedDigraph {

    private final int nodeCount;

    /** Out-edges of node {@code i} are positions {@code outOffsets[i] .. outOffsets[i+1]-1}. */
    private final int[] outOffsets;
    private final int[] outTargets;
    private final double[] outWeights;

    /** Sum of the raw out-weights of each node; zero marks a dangling node. */
    private final double[] outWeightTotals;

    /** In-edges of node {@code i} are positions {@code inOffsets[i] .. inOffsets[i+1]-1}. */
    private final int[] inOffsets;
    private final int[] inSources;
    private final double[] inShares;

    /** Nodes without out-edges, in ascending order. */
    private final int[] danglingNodes;

    private WeightedDigraph(int nodeCount, int[] outOffsets, int[] outTargets, double[] outWeights,
                            double[] outWeightTotals, int[] inOffsets, int[] inSources, double[] inShares,
                            int[] danglingNodes) {
        this.nodeCount = nodeCount;
        this.outOffsets = outOffsets;
        this.outTargets = outTargets;
        this.outWeights = outWeights;
        this.outWeightTotals = outWeightTotals;
        this.inOffsets = inOffsets;
        this.inSources = inSources;
        this.inShares = inShares;
        this.danglingNodes = danglingNodes;
    }

    /**
     * Builds a graph from parallel edge arrays: edge {@code e} goes from {@code from[e]} to
     * {@code to[e]} with weight {@code weight[e]}. The arrays are read, not kept.
     *
     * @param nodeCount number of nodes; every id must be in {@code 0..nodeCount-1}
     * @param from      source node of each edge
     * @param to        target node of each edge
     * @param weight    weight of each edge, finite and {@code >= 0}
     * @return the graph, with duplicate edges summed and zero-weight edges removed
     * @throws IllegalArgumentException if the arrays differ in length, an id is out of range or a
     *                                  weight is negative, infinite or NaN
     */
    public static WeightedDigraph fromEdges(int nodeCount, int[] from, int[] to, double[] weight) {
        if (from.length != to.length || from.length != weight.length) {
            throw new IllegalArgumentException("Edge arrays differ in length: from=" + from.length
                    + ", to=" + to.length + ", weight=" + weight.length);
        }
        return build(nodeCount, from, to, weight, from.length);
    }

    /**
     * Starts a builder for a graph with the given number of nodes.
     *
     * @param nodeCount number of nodes, {@code >= 0}
     * @return an empty builder
     */
    public static Builder builder(int nodeCount) {
        return new Builder(nodeCount);
    }

    private static WeightedDigraph build(int nodeCount, int[] from, int[] to, double[] weight, int edgeCount) {
        if (nodeCount < 0) {
            throw new IllegalArgumentException("Node count must not be negative: " + nodeCount);
        }
        // Pass 1: counting sort by target. Afterwards the edges of each target sit together, in
        // input order, with their source and weight. The counting loop also validates the input
        // and counts out-degrees for pass 2, so one read of the input serves all three.
        int[] byTargetOffsets = new int[nodeCount + 1];
        int[] outOffsets = new int[nodeCount + 1];
        for (int edge = 0; edge < edgeCount; edge++) {
            int source = from[edge];
            int target = to[edge];
            double w = weight[edge];
            checkNode(source, nodeCount, "source");
            checkNode(target, nodeCount, "target");
            if (!(w >= 0) || w == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("Edge " + source + " -> " + target
                        + " has weight " + w + "; weights must be finite and not negative");
            }
            byTargetOffsets[target + 1]++;
            outOffsets[source + 1]++;
        }
        prefixSum(byTargetOffsets);
        int[] byTargetSources = new int[edgeCount];
        double[] byTargetWeights = new double[edgeCount];
        int[] cursor = Arrays.copyOf(byTargetOffsets, nodeCount);
        for (int edge = 0; edge < edgeCount; edge++) {
            int position = cursor[to[edge]]++;
            byTargetSources[position] = from[edge];
            byTargetWeights[position] = weight[edge];
        }

        // Pass 2: stable counting sort by source. Walking targets in ascending order leaves every
        // out-row sorted by target, so duplicates are adjacent and look-ups can binary search.
        prefixSum(outOffsets);
        int[] outTargets = new int[edgeCount];
        double[] outWeights = new double[edgeCount];
        System.arraycopy(outOffsets, 0, cursor, 0, nodeCount);
        for (int target = 0; target < nodeCount; target++) {
            for (int position = byTargetOffsets[target]; position < byTargetOffsets[target + 1]; position++) {
                int slot = cursor[byTargetSources[position]]++;
                outTargets[slot] = target;
                outWeights[slot] = byTargetWeights[position];
            }
        }
        byTargetSources = null;
        byTargetWeights = null;
        byTargetOffsets = null;

        // Merge duplicate edges (summing their weights) and drop zero-weight ties, compacting in
        // place: the write position never overtakes the read position.
        int written = 0;
        int rowStart = 0;
        double[] outWeightTotals = new double[nodeCount];
        for (int source = 0; source < nodeCount; source++) {
            int rowEnd = outOffsets[source + 1];
            outOffsets[source] = written;
            double total = 0;
            int position = rowStart;
            while (position < rowEnd) {
                int target = outTargets[position];
                double sum = outWeights[position];
                position++;
                while (position < rowEnd && outTargets[position] == target) {
                    sum += outWeights[position];
                    position++;
                }
                if (sum > 0) {
                    outTargets[written] = target;
                    outWeights[written] = sum;
                    written++;
                    total += sum;
                }
            }
            if (total == Double.POSITIVE_INFINITY) {
                // Normalising by an infinite total would silently turn every share into zero.
                throw new IllegalArgumentException("The out-weights of node " + source + " overflow a double");
            }
            outWeightTotals[source] = total;
            rowStart = rowEnd;
        }
        outOffsets[nodeCount] = written;
        if (written < edgeCount) {
            outTargets = Arrays.copyOf(outTargets, written);
            outWeights = Arrays.copyOf(outWeights, written);
        }

        // Pass 3: transpose into in-edges with normalised weights. Walking sources in ascending
        // order leaves every in-row sorted by source.
        int[] inOffsets = new int[nodeCount + 1];
        for (int position = 0; position < written; position++) {
            inOffsets[outTargets[position] + 1]++;
        }
        prefixSum(inOffsets);
        int[] inSources = new int[written];
        double[] inShares = new double[written];
        System.arraycopy(inOffsets, 0, cursor, 0, nodeCount);
        int danglingCount = 0;
        for (int source = 0; source < nodeCount; source++) {
            double total = outWeightTotals[source];
            if (total == 0) {
                danglingCount++;
                continue;
            }
            for (int position = outOffsets[source]; position < outOffsets[source + 1]; position++) {
                int slot = cursor[outTargets[position]]++;
                inSources[slot] = source;
                inShares[slot] = outWeights[position] / total;
            }
        }
        int[] danglingNodes = new int[danglingCount];
        for (int node = 0, next = 0; node < nodeCount; node++) {
            if (outWeightTotals[node] == 0) {
                danglingNodes[next++] = node;
            }
        }
        return new WeightedDigraph(nodeCount, outOffsets, outTargets, outWeights, outWeightTotals,
                inOffsets, inSources, inShares, danglingNodes);
    }

    private static void prefixSum(int[] counts) {
        for (int index = 1; index < counts.length; index++) {
            counts[index] += counts[index - 1];
        }
    }

    private static void checkNode(int node, int nodeCount, String role) {
        if (node < 0 || node >= nodeCount) {
            throw new IllegalArgumentException("Edge " + role + " " + node + " is outside 0.." + (nodeCount - 1));
        }
    }

    /** @return the number of nodes */
    public int nodeCount() {
        return nodeCount;
    }

    /** @return the number of distinct edges with positive weight */
    public int edgeCount() {
        return outTargets.length;
    }

    /**
     * @param node a node id
     * @return the number of nodes this node has an edge to
     */
    public int outDegree(int node) {
        return outOffsets[node + 1] - outOffsets[node];
    }

    /**
     * @param node a node id
     * @return the number of nodes with an edge to this node
     */
    public int inDegree(int node) {
        return inOffsets[node + 1] - inOffsets[node];
    }

    /**
     * @param node a node id
     * @return the sum of the node's outgoing weights, {@code sum_k s_ik}
     */
    public double outWeight(int node) {
        return outWeightTotals[node];
    }

    /**
     * @param node a node id
     * @return true when the node has no out-edge (trusts nobody), so the influence solver spreads its
     *         influence by the teleport vector
     */
    public boolean isDangling(int node) {
        return outWeightTotals[node] == 0;
    }

    /** @return the number of nodes without out-edges */
    public int danglingCount() {
        return danglingNodes.length;
    }

    /**
     * @param from source node
     * @param to   target node
     * @return the weight {@code s_from,to}, or 0 when there is no such edge
     */
    public double weight(int from, int to) {
        int position = findOutEdge(from, to);
        return position < 0 ? 0 : outWeights[position];
    }

    /**
     * @param from source node
     * @param to   target node
     * @return true when there is an edge {@code from -> to} (with a positive weight)
     */
    public boolean hasEdge(int from, int to) {
        return findOutEdge(from, to) >= 0;
    }

    /**
     * @param node a node id
     * @return a copy of the nodes this node has an edge to, in ascending order
     */
    public int[] successors(int node) {
        return Arrays.copyOfRange(outTargets, outOffsets[node], outOffsets[node + 1]);
    }

    /**
     * @param node a node id
     * @return a copy of the weights of the node's out-edges, in the order of {@link #successors(int)}
     */
    public double[] successorWeights(int node) {
        return Arrays.copyOfRange(outWeights, outOffsets[node], outOffsets[node + 1]);
    }

    /**
     * @param node a node id
     * @return a copy of the nodes with an edge to this node, in ascending order
     */
    public int[] predecessors(int node) {
        return Arrays.copyOfRange(inSources, inOffsets[node], inOffsets[node + 1]);
    }

    /**
     * Bytes held by this graph's arrays (12 bytes per edge in each direction, 16 bytes per node and
     * 4 per dangling node), not counting object headers. Useful to size a deployment.
     *
     * @return the total length of the arrays in bytes
     */
    public long arrayBytes() {
        return 4L * (outOffsets.length + outTargets.length + inOffsets.length + inSources.length + danglingNodes.length)
                + 8L * (outWeights.length + outWeightTotals.length + inShares.length);
    }

    /** Position of edge {@code from -> to} in the out arrays, or -1. Rows are sorted by target. */
    int findOutEdge(int from, int to) {
        int position = Arrays.binarySearch(outTargets, outOffsets[from], outOffsets[from + 1], to);
        return position >= 0 ? position : -1;
    }

    // Package-private views for the solver and the metrics; callers in this package never modify them.

    int[] outOffsets() {
        return outOffsets;
    }

    int[] outTargets() {
        return outTargets;
    }

    double[] outWeights() {
        return outWeights;
    }

    int[] inOffsets() {
        return inOffsets;
    }

    int[] inSources() {
        return inSources;
    }

    double[] inShares() {
        return inShares;
    }

    int[] danglingNodes() {
        return danglingNodes;
    }

    @Override
    public String toString() {
        return "WeightedDigraph[nodes=" + nodeCount + ", edges=" + edgeCount() + ", dangling=" + danglingNodes.length + "]";
    }

    /**
     * Collects edges one at a time and builds a {@link WeightedDigraph}. Not thread-safe. Duplicate
     * edges are summed when the graph is built.
     */
    public static final class Builder {

        private final int nodeCount;
        private int[] from = new int[16];
        private int[] to = new int[16];
        private double[] weight = new double[16];
        private int size;

        private Builder(int nodeCount) {
            if (nodeCount < 0) {
                throw new IllegalArgumentException("Node count must not be negative: " + nodeCount);
            }
            this.nodeCount = nodeCount;
        }

        /**
         * Adds an edge from one node to another. Validation happens in {@link #build()}.
         *
         * @param source the node the edge leaves (in a trust graph, the one who trusts)
         * @param target the node the edge reaches (in a trust graph, the one trusted)
         * @param w      the weight, finite and {@code >= 0}
         * @return this builder
         */
        public Builder addEdge(int source, int target, double w) {
            if (size == from.length) {
                int capacity = Math.max(16, size + (size >> 1));
                from = Arrays.copyOf(from, capacity);
                to = Arrays.copyOf(to, capacity);
                weight = Arrays.copyOf(weight, capacity);
            }
            from[size] = source;
            to[size] = target;
            weight[size] = w;
            size++;
            return this;
        }

        /** @return the number of edges added so far, duplicates included */
        public int size() {
            return size;
        }

        /**
         * @return a graph of the edges added so far; the builder can keep being used
         * @throws IllegalArgumentException if an edge is invalid, as for {@link WeightedDigraph#fromEdges}
         */
        public WeightedDigraph build() {
            return WeightedDigraph.build(nodeCount, from, to, weight, size);
        }
    }
}
