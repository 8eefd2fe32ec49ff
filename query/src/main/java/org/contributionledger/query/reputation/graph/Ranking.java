package org.contributionledger.query.reputation.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Ranks and percentiles for a vector of scores.
 *
 * <p>Rank 1 is the highest score. Equal scores are ranked by ascending node id, so ranks are
 * distinct and the same input always gives the same ranks. The percentile, by contrast, treats
 * equal scores alike: it is the share of the other nodes that have a strictly lower score, from
 * 0 (nobody is lower) to 100 (everybody else is lower).
 */
public final class Ranking {

    private final double[] scores;
    private final int[] nodesByRank;
    private final int[] rankOfNode;
    private final int[] lowerCount;

    private Ranking(double[] scores, int[] nodesByRank, int[] rankOfNode, int[] lowerCount) {
        this.scores = scores;
        this.nodesByRank = nodesByRank;
        this.rankOfNode = rankOfNode;
        this.lowerCount = lowerCount;
    }

    /**
     * @param scores one score per node; not modified, and copied
     * @return the ranking of the scores
     * @throws IllegalArgumentException if a score is NaN
     */
    public static Ranking of(double[] scores) {
        int nodeCount = scores.length;
        for (double score : scores) {
            if (Double.isNaN(score)) {
                throw new IllegalArgumentException("Scores must not be NaN");
            }
        }
        double[] copy = scores.clone();
        int[] order = new int[nodeCount];
        for (int node = 0; node < nodeCount; node++) {
            order[node] = node;
        }
        sortByScoreDescending(order, copy);

        int[] rankOfNode = new int[nodeCount];
        int[] lowerCount = new int[nodeCount];
        int groupStart = 0;
        while (groupStart < nodeCount) {
            int groupEnd = groupStart + 1;
            while (groupEnd < nodeCount && copy[order[groupEnd]] == copy[order[groupStart]]) {
                groupEnd++;
            }
            for (int position = groupStart; position < groupEnd; position++) {
                rankOfNode[order[position]] = position + 1;
                lowerCount[order[position]] = nodeCount - groupEnd;
            }
            groupStart = groupEnd;
        }
        return new Ranking(copy, order, rankOfNode, lowerCount);
    }

    /** @return the number of ranked nodes */
    public int nodeCount() {
        return scores.length;
    }

    /**
     * @param node a node id
     * @return the node's rank, 1 for the highest score
     */
    public int rank(int node) {
        return rankOfNode[node];
    }

    /**
     * @param rank a rank from 1 to {@link #nodeCount()}
     * @return the node holding that rank
     */
    public int nodeAtRank(int rank) {
        return nodesByRank[rank - 1];
    }

    /**
     * @param node a node id
     * @return the share of the other nodes with a strictly lower score, in percent; 100 when the
     *         node is alone
     */
    public double percentile(int node) {
        int others = scores.length - 1;
        return others == 0 ? 100.0 : 100.0 * lowerCount[node] / others;
    }

    /**
     * @param node a node id
     * @return everything reported about one node
     */
    public NodeInfluence describe(int node) {
        return new NodeInfluence(node, scores[node], scores[node] * scores.length, rank(node), percentile(node));
    }

    /**
     * @param limit how many nodes at most
     * @return the highest-ranked nodes, best first
     */
    public List<NodeInfluence> top(int limit) {
        int count = Math.min(Math.max(limit, 0), scores.length);
        List<NodeInfluence> top = new ArrayList<>(count);
        for (int position = 0; position < count; position++) {
            top.add(describe(nodesByRank[position]));
        }
        return top;
    }

    /**
     * What is reported about one node's influence.
     *
     * @param node          the node id
     * @param score         its influence, a share of 1
     * @param relativeScore the score times the number of nodes (1.0 is average)
     * @param rank          1 for the most influential node
     * @param percentile    share of the other nodes with a strictly lower score, in percent
     */
    public record NodeInfluence(int node, double score, double relativeScore, int rank, double percentile) {
    }

    /**
     * Stable merge sort of node ids by descending score. Stability keeps equal scores in ascending
     * node order, which is the tie-break rule. A hand-written sort on primitive ints avoids boxing
     * a million Integers for large graphs.
     */
    private static void sortByScoreDescending(int[] nodes, double[] scores) {
        int[] buffer = new int[nodes.length];
        int[] source = nodes;
        int[] target = buffer;
        for (int width = 1; width < nodes.length; width *= 2) {
            for (int left = 0; left < nodes.length; left += 2 * width) {
                int middle = Math.min(left + width, nodes.length);
                int right = Math.min(left + 2 * width, nodes.length);
                int i = left;
                int j = middle;
                int out = left;
                while (i < middle && j < right) {
                    // Take from the right run only when strictly higher, to keep the sort stable.
                    if (scores[source[j]] > scores[source[i]]) {
                        target[out++] = source[j++];
                    } else {
                        target[out++] = source[i++];
                    }
                }
                while (i < middle) {
                    target[out++] = source[i++];
                }
                while (j < right) {
                    target[out++] = source[j++];
                }
            }
            int[] swap = source;
            source = target;
            target = swap;
        }
        if (source != nodes) {
            System.arraycopy(source, 0, nodes, 0, nodes.length);
        }
    }
}
