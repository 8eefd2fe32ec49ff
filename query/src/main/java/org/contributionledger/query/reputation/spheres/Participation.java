package org.contributionledger.query.reputation.spheres;

/**
 * The participation coefficient (Guimerà &amp; Amaral 2005, "Functional cartography of complex
 * metabolic networks"): how evenly a node's ties spread over the communities,
 * <pre>
 *   P_i = 1 - sum over communities s of (k_is / k_i)^2
 * </pre>
 * where {@code k_is} is the weight of the node's ties to nodes of community {@code s} (its own
 * included) and {@code k_i} its strength. 0 when all its ties stay in one community (or it has
 * none); it approaches 1 when its ties spread evenly over many.
 */
public final class Participation {

    private Participation() {
    }

    /**
     * @param graph      the graph
     * @param membership the community of each node, ids {@code >= 0}
     * @return the coefficient of each node, indexed by node
     */
    public static double[] coefficients(UndirectedGraph graph, int[] membership) {
        int nodeCount = graph.nodeCount();
        if (membership.length != nodeCount) {
            throw new IllegalArgumentException("Membership has " + membership.length + " entries for " + nodeCount + " nodes");
        }
        int communities = 0;
        for (int community : membership) {
            communities = Math.max(communities, community + 1);
        }
        int[] offsets = graph.offsets();
        int[] neighbours = graph.neighbourArray();
        double[] weights = graph.weightArray();
        double[] weightInto = new double[communities];
        int[] touched = new int[communities];
        double[] coefficients = new double[nodeCount];
        for (int node = 0; node < nodeCount; node++) {
            double strength = graph.strength(node);
            if (strength == 0) {
                continue;
            }
            int touchedCount = 0;
            for (int position = offsets[node]; position < offsets[node + 1]; position++) {
                int community = membership[neighbours[position]];
                if (weightInto[community] == 0) {
                    touched[touchedCount++] = community;
                }
                weightInto[community] += weights[position];
            }
            double concentration = 0;
            for (int index = 0; index < touchedCount; index++) {
                double share = weightInto[touched[index]] / strength;
                concentration += share * share;
                weightInto[touched[index]] = 0;
            }
            coefficients[node] = 1 - concentration;
        }
        return coefficients;
    }
}
