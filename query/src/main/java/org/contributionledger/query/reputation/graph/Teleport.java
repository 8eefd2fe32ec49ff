package org.contributionledger.query.reputation.graph;

import java.util.Arrays;

/**
 * The teleport vector {@code p} of the influence computation: where influence restarts with
 * probability alpha at every step, and where the influence of members who trust nobody goes.
 *
 * <p>The choice matters for robustness. With {@link #uniform()} every member, including freshly
 * created fake accounts, receives a share of the restart mass, which a ring of fake accounts can
 * capture. With {@link #preTrusted(int...)} the restart mass goes only to members the community
 * already trusts, so a ring gains influence only through trust that honest members give it.
 */
public sealed interface Teleport permits Teleport.Uniform, Teleport.PreTrusted, Teleport.SingleNode {

    /** @return a teleport vector spread evenly over all nodes (classic PageRank) */
    static Teleport uniform() {
        return Uniform.INSTANCE;
    }

    /**
     * @param nodes the pre-trusted nodes; duplicates are ignored
     * @return a teleport vector spread evenly over the given nodes (EigenTrust's pre-trusted peers)
     * @throws IllegalArgumentException if no node is given or an id is negative
     */
    static Teleport preTrusted(int... nodes) {
        return new PreTrusted(nodes);
    }

    /**
     * @param node the node whose point of view is taken
     * @return a teleport vector concentrated on one node (personalised influence)
     * @throws IllegalArgumentException if the id is negative
     */
    static Teleport singleNode(int node) {
        return new SingleNode(node);
    }

    /**
     * @param node      a node id
     * @param nodeCount number of nodes in the graph
     * @return the teleport probability {@code p_node}
     */
    double probability(int node, int nodeCount);

    /**
     * @param nodeCount number of nodes in the graph
     * @return the dense vector {@code p}, summing to 1
     * @throws IllegalArgumentException if a node of this teleport is outside the graph
     */
    default double[] toVector(int nodeCount) {
        double[] vector = new double[nodeCount];
        for (int node = 0; node < nodeCount; node++) {
            vector[node] = probability(node, nodeCount);
        }
        return vector;
    }

    /**
     * Checks that every node of this teleport exists in a graph of the given size.
     *
     * @param nodeCount number of nodes in the graph
     * @throws IllegalArgumentException if a node is outside {@code 0..nodeCount-1}
     */
    void checkFits(int nodeCount);

    /** Restart mass spread evenly over all nodes. */
    enum Uniform implements Teleport {
        INSTANCE;

        @Override
        public double probability(int node, int nodeCount) {
            return 1.0 / nodeCount;
        }

        @Override
        public void checkFits(int nodeCount) {
            if (nodeCount == 0) {
                throw new IllegalArgumentException("A uniform teleport needs at least one node");
            }
        }
    }

    /**
     * Restart mass spread evenly over a set of pre-trusted nodes.
     *
     * @param nodes the distinct pre-trusted nodes in ascending order (the constructor sorts and
     *              removes duplicates; the accessor returns a copy)
     */
    record PreTrusted(int[] nodes) implements Teleport {

        public PreTrusted {
            if (nodes == null || nodes.length == 0) {
                throw new IllegalArgumentException("At least one pre-trusted node is needed");
            }
            nodes = Arrays.stream(nodes).sorted().distinct().toArray();
            if (nodes[0] < 0) {
                throw new IllegalArgumentException("Node ids must not be negative: " + nodes[0]);
            }
        }

        @Override
        public int[] nodes() {
            return nodes.clone();
        }

        @Override
        public double probability(int node, int nodeCount) {
            return Arrays.binarySearch(nodes, node) >= 0 ? 1.0 / nodes.length : 0;
        }

        @Override
        public double[] toVector(int nodeCount) {
            checkFits(nodeCount);
            double[] vector = new double[nodeCount];
            double share = 1.0 / nodes.length;
            for (int node : nodes) {
                vector[node] = share;
            }
            return vector;
        }

        @Override
        public void checkFits(int nodeCount) {
            if (nodes[nodes.length - 1] >= nodeCount) {
                throw new IllegalArgumentException("Pre-trusted node " + nodes[nodes.length - 1]
                        + " is outside 0.." + (nodeCount - 1));
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PreTrusted that && Arrays.equals(nodes, that.nodes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(nodes);
        }

        @Override
        public String toString() {
            return "PreTrusted" + Arrays.toString(nodes);
        }
    }

    /**
     * All restart mass on one node: influence as seen from that member.
     *
     * @param node the node whose point of view is taken
     */
    record SingleNode(int node) implements Teleport {

        public SingleNode {
            if (node < 0) {
                throw new IllegalArgumentException("Node ids must not be negative: " + node);
            }
        }

        @Override
        public double probability(int candidate, int nodeCount) {
            return candidate == node ? 1 : 0;
        }

        @Override
        public double[] toVector(int nodeCount) {
            checkFits(nodeCount);
            double[] vector = new double[nodeCount];
            vector[node] = 1;
            return vector;
        }

        @Override
        public void checkFits(int nodeCount) {
            if (node >= nodeCount) {
                throw new IllegalArgumentException("Node " + node + " is outside 0.." + (nodeCount - 1));
            }
        }
    }
}
