package org.contributionledger.query.reputation.spheres;

/**
 * Newman's modularity of a partition of an undirected weighted graph, with a resolution:
 * <pre>
 *   Q = sum over communities c of ( L_c / m  -  gamma * (K_c / 2m)^2 )
 * </pre>
 * where {@code L_c} is the weight of the ties inside {@code c} (each counted once), {@code K_c} the
 * sum of the strengths of its nodes and {@code m} the total weight. It is the share of weight inside
 * communities minus the share a random graph with the same strengths would put there; the same
 * formula as {@code networkx.community.modularity}.
 */
public final class Modularity {

    private Modularity() {
    }

    /** Modularity with resolution 1. */
    public static double of(UndirectedGraph graph, int[] membership) {
        return of(graph, membership, 1.0);
    }

    /**
     * @param graph      the graph
     * @param membership the community of each node, any non-negative ids
     * @param resolution {@code gamma}; above 1 favours smaller communities
     * @return the modularity; 0 for a graph without ties
     */
    public static double of(UndirectedGraph graph, int[] membership, double resolution) {
        int nodeCount = graph.nodeCount();
        if (membership.length != nodeCount) {
            throw new IllegalArgumentException("Membership has " + membership.length + " entries for " + nodeCount + " nodes");
        }
        double total = graph.totalWeight();
        if (total == 0) {
            return 0;
        }
        int communities = 0;
        for (int community : membership) {
            if (community < 0) {
                throw new IllegalArgumentException("Community ids must not be negative: " + community);
            }
            communities = Math.max(communities, community + 1);
        }
        double[] inside = new double[communities];
        double[] strength = new double[communities];
        int[] offsets = graph.offsets();
        int[] neighbours = graph.neighbourArray();
        double[] weights = graph.weightArray();
        for (int node = 0; node < nodeCount; node++) {
            int community = membership[node];
            strength[community] += graph.strength(node);
            for (int position = offsets[node]; position < offsets[node + 1]; position++) {
                if (membership[neighbours[position]] == community) {
                    // Every tie is met from both ends: half each time counts it once.
                    inside[community] += weights[position] / 2;
                }
            }
        }
        double modularity = 0;
        for (int community = 0; community < communities; community++) {
            double share = strength[community] / (2 * total);
            modularity += inside[community] / total - resolution * share * share;
        }
        return modularity;
    }
}
