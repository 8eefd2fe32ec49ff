package org.contributionledger.query.reputation.spheres;

import java.util.Arrays;

/**
 * An immutable undirected weighted graph without self-loops, in compressed sparse row form: the
 * graph the spheres are found in.
 *
 * <p>Nodes are dense integers {@code 0..nodeCount-1}. It is built from directed edge arrays and
 * symmetrised: the undirected weight of {i, j} is {@code w_ij + w_ji}, summed over duplicates.
 * Self-loops are dropped (a member trusting itself says nothing about whom it is grouped with), and
 * so are pairs whose summed weight is zero. Every tie is stored in both rows, each row sorted by
 * neighbour.
 *
 * <p>The strength of a node is the sum of its tie weights ({@code k_i}); the total weight {@code m}
 * is the sum over undirected ties, so the strengths add up to {@code 2m}.
 */
public final class UndirectedGraph {

    private final int nodeCount;
    /** Ties of node {@code i} are positions {@code offsets[i] .. offsets[i+1]-1}. */
    private final int[] offsets;
    private final int[] neighbours;
    private final double[] weights;
    private final double[] strengths;
    private final double totalWeight;

    private UndirectedGraph(int nodeCount, int[] offsets, int[] neighbours, double[] weights) {
        this.nodeCount = nodeCount;
        this.offsets = offsets;
        this.neighbours = neighbours;
        this.weights = weights;
        this.strengths = new double[nodeCount];
        double twiceTotal = 0;
        for (int node = 0; node < nodeCount; node++) {
            double strength = 0;
            for (int position = offsets[node]; position < offsets[node + 1]; position++) {
                strength += weights[position];
            }
            strengths[node] = strength;
            twiceTotal += strength;
        }
        this.totalWeight = twiceTotal / 2;
    }

    /**
     * Builds the symmetrised graph of directed edges: edge {@code e} runs from {@code from[e]} to
     * {@code to[e]} with weight {@code weight[e]}. The arrays are read, not kept.
     *
     * @param nodeCount number of nodes; every id must be in {@code 0..nodeCount-1}
     * @throws IllegalArgumentException if the arrays differ in length, an id is out of range or a
     *                                  weight is negative, infinite or NaN
     */
    public static UndirectedGraph fromEdges(int nodeCount, int[] from, int[] to, double[] weight) {
        if (from.length != to.length || from.length != weight.length) {
            throw new IllegalArgumentException("Edge arrays differ in length: from=" + from.length
                    + ", to=" + to.length + ", weight=" + weight.length);
        }
        if (nodeCount < 0) {
            throw new IllegalArgumentException("Node count must not be negative: " + nodeCount);
        }
        // Each directed edge i -> j lands in row i and in row j, so the rows hold w_ij + w_ji once merged.
        int[] counts = new int[nodeCount + 1];
        for (int edge = 0; edge < from.length; edge++) {
            checkNode(from[edge], nodeCount);
            checkNode(to[edge], nodeCount);
            double w = weight[edge];
            if (!(w >= 0) || w == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("Edge " + from[edge] + " -> " + to[edge] + " has weight " + w
                        + "; weights must be finite and not negative");
            }
            if (from[edge] != to[edge]) {
                counts[from[edge] + 1]++;
                counts[to[edge] + 1]++;
            }
        }
        for (int node = 1; node <= nodeCount; node++) {
            counts[node] += counts[node - 1];
        }
        int[] cursor = Arrays.copyOf(counts, nodeCount);
        int[] rowNeighbours = new int[counts[nodeCount]];
        double[] rowWeights = new double[counts[nodeCount]];
        for (int edge = 0; edge < from.length; edge++) {
            int source = from[edge];
            int target = to[edge];
            if (source != target) {
                int slot = cursor[source]++;
                rowNeighbours[slot] = target;
                rowWeights[slot] = weight[edge];
                slot = cursor[target]++;
                rowNeighbours[slot] = source;
                rowWeights[slot] = weight[edge];
            }
        }
        return fromRows(nodeCount, counts, rowNeighbours, rowWeights);
    }

    /**
     * Builds a graph from rows that already hold every tie in both directions (unsorted, possibly
     * with repeated neighbours, without self-loops): sorts each row, sums repeats, drops zero weights.
     * The arrays are reused.
     */
    static UndirectedGraph fromRows(int nodeCount, int[] offsets, int[] neighbours, double[] weights) {
        int written = 0;
        for (int node = 0; node < nodeCount; node++) {
            int start = offsets[node];
            int end = offsets[node + 1];
            offsets[node] = written;
            sortRow(neighbours, weights, start, end);
            int position = start;
            while (position < end) {
                int neighbour = neighbours[position];
                double sum = weights[position];
                position++;
                while (position < end && neighbours[position] == neighbour) {
                    sum += weights[position];
                    position++;
                }
                if (sum > 0) {
                    neighbours[written] = neighbour;
                    weights[written] = sum;
                    written++;
                }
            }
        }
        offsets[nodeCount] = written;
        return new UndirectedGraph(nodeCount, offsets, Arrays.copyOf(neighbours, written), Arrays.copyOf(weights, written));
    }

    /** Sorts one row by neighbour, carrying the weights along (insertion sort for short rows). */
    private static void sortRow(int[] neighbours, double[] weights, int start, int end) {
        if (end - start < 32) {
            for (int i = start + 1; i < end; i++) {
                int neighbour = neighbours[i];
                double weight = weights[i];
                int j = i - 1;
                while (j >= start && neighbours[j] > neighbour) {
                    neighbours[j + 1] = neighbours[j];
                    weights[j + 1] = weights[j];
                    j--;
                }
                neighbours[j + 1] = neighbour;
                weights[j + 1] = weight;
            }
            return;
        }
        // Pack (neighbour, position) into longs so one primitive sort orders the row stably.
        long[] keys = new long[end - start];
        for (int i = start; i < end; i++) {
            keys[i - start] = ((long) neighbours[i] << 32) | (i - start);
        }
        Arrays.sort(keys);
        double[] sortedWeights = new double[end - start];
        for (int i = 0; i < keys.length; i++) {
            sortedWeights[i] = weights[start + (int) keys[i]];
        }
        for (int i = 0; i < keys.length; i++) {
            neighbours[start + i] = (int) (keys[i] >>> 32);
            weights[start + i] = sortedWeights[i];
        }
    }

    private static void checkNode(int node, int nodeCount) {
        if (node < 0 || node >= nodeCount) {
            throw new IllegalArgumentException("Node " + node + " is outside 0.." + (nodeCount - 1));
        }
    }

    /** @return the number of nodes */
    public int nodeCount() {
        return nodeCount;
    }

    /** @return the number of undirected ties (each counted once) */
    public int tieCount() {
        return neighbours.length / 2;
    }

    /** @return the number of neighbours of the node */
    public int degree(int node) {
        return offsets[node + 1] - offsets[node];
    }

    /** @return {@code k_i}, the sum of the node's tie weights */
    public double strength(int node) {
        return strengths[node];
    }

    /** @return {@code m}, the sum of the weights of all ties, each counted once */
    public double totalWeight() {
        return totalWeight;
    }

    /** @return the weight of the tie {i, j}, or 0 when there is none */
    public double weight(int i, int j) {
        int position = Arrays.binarySearch(neighbours, offsets[i], offsets[i + 1], j);
        return position >= 0 ? weights[position] : 0;
    }

    /** @return a copy of the node's neighbours, ascending */
    public int[] neighbours(int node) {
        return Arrays.copyOfRange(neighbours, offsets[node], offsets[node + 1]);
    }

    // Package-private views for the algorithms of this package; they never modify them.

    int[] offsets() {
        return offsets;
    }

    int[] neighbourArray() {
        return neighbours;
    }

    double[] weightArray() {
        return weights;
    }

    @Override
    public String toString() {
        return "UndirectedGraph[nodes=" + nodeCount + ", ties=" + tieCount() + "]";
    }
}
