package org.contributionledger.query.reputation.spheres;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.contributionledger.query.reputation.graph.InfluenceResult;
import org.contributionledger.query.reputation.graph.InfluenceSolver;
import org.contributionledger.query.reputation.graph.Teleport;
import org.contributionledger.query.reputation.graph.WeightedDigraph;

/**
 * The spheres of influence of one community and each member's place among them.
 *
 * <ul>
 *   <li>Spheres are the communities of the {@link Leiden} partition of the ties graph (trust and
 *       confirmed gifts weighted as for influence, symmetrised); a member without ties is in no sphere.</li>
 *   <li>Influence within a sphere is EigenTrust on the sphere's own members and the trust among
 *       them, with the community's alpha and a teleport spread evenly over the sphere.</li>
 *   <li>Participation is {@link Participation} over the ties graph; betweenness is
 *       {@link Betweenness} over the contact graph.</li>
 *   <li>A member is a <b>bridge</b> when their ties reach two or more spheres (their own included) and
 *       they are among the top {@link #TOP_BETWEENNESS_SHARE} of members by betweenness (above 0) or
 *       their participation is at least {@link #BRIDGE_PARTICIPATION}.</li>
 * </ul>
 * Nodes are numbered as in the graphs given; immutable once built.
 */
public final class Spheres {

    /**
     * The seed of the Leiden run. One run from it reaches at least the modularity of networkx's Louvain
     * and igraph's Leiden (seed 0, and the best of seeds 0 to 9) on every reference network.
     */
    public static final long LEIDEN_SEED = 0;

    /** The share of members, by betweenness, that counts as high. */
    public static final double TOP_BETWEENNESS_SHARE = 0.05;

    /** The participation coefficient from which a member's ties count as spread. */
    public static final double BRIDGE_PARTICIPATION = 0.5;

    /** How many of a sphere's most influential members lead it. */
    public static final int LEADER_COUNT = 3;

    private static final int NO_SPHERE = 0;

    private final double modularity;
    private final List<Sphere> spheres;
    /** The sphere number of each node, or 0 for none. */
    private final int[] sphereOf;
    private final double[] influenceInSphere;
    private final double[] participation;
    private final Betweenness betweenness;
    private final int[][] spheresTied;
    private final boolean[] bridge;
    /** Bridges, highest betweenness first. */
    private final int[] bridges;

    private Spheres(double modularity, List<Sphere> spheres, int[] sphereOf, double[] influenceInSphere,
                    double[] participation, Betweenness betweenness, int[][] spheresTied, boolean[] bridge,
                    int[] bridges) {
        this.modularity = modularity;
        this.spheres = spheres;
        this.sphereOf = sphereOf;
        this.influenceInSphere = influenceInSphere;
        this.participation = participation;
        this.betweenness = betweenness;
        this.spheresTied = spheresTied;
        this.bridge = bridge;
        this.bridges = bridges;
    }

    /**
     * Finds the spheres of a community.
     *
     * @param influenceGraph the directed influence graph (who trusts whom, how much)
     * @param contacts       the contact graph: an edge either way for each pair with positive trust or a
     *                       confirmed act; its weights are ignored
     * @param influence      each member's influence in the whole community (summing to 1), or null
     *                       when there is none yet
     * @param alpha          the community's teleport share of EigenTrust
     * @param order          a rank for each node that breaks ties of size and influence (for example the
     *                       rank of the member's id); lower first
     */
    public static Spheres of(WeightedDigraph influenceGraph, WeightedDigraph contactGraph, double[] influence, double alpha,
                             int[] order) {
        int nodeCount = influenceGraph.nodeCount();
        UndirectedGraph contacts = undirected(contactGraph);
        if (contacts.nodeCount() != nodeCount || order.length != nodeCount
                || (influence != null && influence.length != nodeCount)) {
            throw new IllegalArgumentException("The graphs, influence and order must cover the same " + nodeCount + " nodes");
        }
        UndirectedGraph ties = undirected(influenceGraph);
        int[] partition = Leiden.partition(ties, LEIDEN_SEED);
        double modularity = Modularity.of(ties, partition);
        double[] scores = influence != null ? influence : new double[nodeCount];

        int[] sphereOf = numberSpheres(ties, partition, order);
        int sphereCount = Arrays.stream(sphereOf).max().orElse(0);
        List<int[]> membersOf = membersOf(sphereOf, sphereCount);
        double[] influenceInSphere = new double[nodeCount];
        List<Sphere> spheres = new ArrayList<>(sphereCount);
        for (int number = 1; number <= sphereCount; number++) {
            int[] members = membersOf.get(number - 1);
            double[] local = influenceWithin(influenceGraph, members, alpha);
            double share = 0;
            for (int index = 0; index < members.length; index++) {
                influenceInSphere[members[index]] = local[index];
                share += scores[members[index]];
            }
            int[] ranked = Arrays.stream(members).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(node -> -influenceInSphere[node])
                            .thenComparingDouble(node -> -scores[node])
                            .thenComparingInt(node -> order[node]))
                    .mapToInt(Integer::intValue).toArray();
            spheres.add(new Sphere(number, ranked, density(contacts, members, sphereOf), share));
        }

        // Participation over spheres; members without a sphere have no ties, so they count for nothing.
        double[] participation = Participation.coefficients(ties, sphereOf);
        Betweenness betweenness = Betweenness.of(contacts);
        int[][] spheresTied = new int[nodeCount][];
        for (int node = 0; node < nodeCount; node++) {
            spheresTied[node] = spheresTied(ties, sphereOf, node);
        }
        double highBetweenness = topThreshold(betweenness.values());
        boolean[] bridge = new boolean[nodeCount];
        List<Integer> bridgeList = new ArrayList<>();
        for (int node = 0; node < nodeCount; node++) {
            boolean central = betweenness.at(node) > 0 && betweenness.at(node) >= highBetweenness;
            if (spheresTied[node].length >= 2 && (central || participation[node] >= BRIDGE_PARTICIPATION)) {
                bridge[node] = true;
                bridgeList.add(node);
            }
        }
        int[] bridges = bridgeList.stream()
                .sorted(Comparator.<Integer>comparingDouble(node -> -betweenness.at(node))
                        .thenComparingDouble(node -> -participation[node])
                        .thenComparingInt(node -> order[node]))
                .mapToInt(Integer::intValue).toArray();
        return new Spheres(modularity, List.copyOf(spheres), sphereOf, influenceInSphere, participation, betweenness,
                spheresTied, bridge, bridges);
    }

    /** A directed graph symmetrised: the tie {i, j} weighs {@code s_ij + s_ji}. */
    static UndirectedGraph undirected(WeightedDigraph graph) {
        int nodeCount = graph.nodeCount();
        int[] from = new int[graph.edgeCount()];
        int[] to = new int[from.length];
        double[] weight = new double[from.length];
        int edge = 0;
        for (int node = 0; node < nodeCount; node++) {
            int[] successors = graph.successors(node);
            double[] weights = graph.successorWeights(node);
            for (int index = 0; index < successors.length; index++) {
                from[edge] = node;
                to[edge] = successors[index];
                weight[edge] = weights[index];
                edge++;
            }
        }
        return UndirectedGraph.fromEdges(nodeCount, from, to, weight);
    }

    /**
     * Numbers the communities that have ties 1..k, largest first, a tie of size going to the community
     * whose first member in {@code order} comes first; nodes without ties get 0.
     */
    private static int[] numberSpheres(UndirectedGraph ties, int[] partition, int[] order) {
        int nodeCount = partition.length;
        int communities = Arrays.stream(partition).max().orElse(-1) + 1;
        int[] size = new int[communities];
        int[] firstInOrder = new int[communities];
        Arrays.fill(firstInOrder, Integer.MAX_VALUE);
        boolean[] tied = new boolean[communities];
        for (int node = 0; node < nodeCount; node++) {
            int community = partition[node];
            size[community]++;
            firstInOrder[community] = Math.min(firstInOrder[community], order[node]);
            tied[community] |= ties.degree(node) > 0;
        }
        int[] ranked = java.util.stream.IntStream.range(0, communities)
                .filter(community -> tied[community])
                .boxed()
                .sorted(Comparator.<Integer>comparingInt(community -> -size[community])
                        .thenComparingInt(community -> firstInOrder[community]))
                .mapToInt(Integer::intValue).toArray();
        int[] numberOf = new int[communities];
        for (int rank = 0; rank < ranked.length; rank++) {
            numberOf[ranked[rank]] = rank + 1;
        }
        int[] sphereOf = new int[nodeCount];
        for (int node = 0; node < nodeCount; node++) {
            sphereOf[node] = numberOf[partition[node]];
        }
        return sphereOf;
    }

    private static List<int[]> membersOf(int[] sphereOf, int sphereCount) {
        int[] size = new int[sphereCount + 1];
        for (int sphere : sphereOf) {
            size[sphere]++;
        }
        List<int[]> members = new ArrayList<>(sphereCount);
        int[] filled = new int[sphereCount + 1];
        for (int number = 1; number <= sphereCount; number++) {
            members.add(new int[size[number]]);
        }
        for (int node = 0; node < sphereOf.length; node++) {
            int sphere = sphereOf[node];
            if (sphere != NO_SPHERE) {
                members.get(sphere - 1)[filled[sphere]++] = node;
            }
        }
        return members;
    }

    /** EigenTrust of the sphere's induced subgraph, uniform teleport; indexed as {@code members}. */
    private static double[] influenceWithin(WeightedDigraph influenceGraph, int[] members, double alpha) {
        if (members.length == 1) {
            return new double[] {1};
        }
        WeightedDigraph.Builder builder = WeightedDigraph.builder(members.length);
        for (int local = 0; local < members.length; local++) {
            int[] successors = influenceGraph.successors(members[local]);
            double[] weights = influenceGraph.successorWeights(members[local]);
            for (int index = 0; index < successors.length; index++) {
                // members is ascending, so a binary search finds the local number of a member.
                int target = Arrays.binarySearch(members, successors[index]);
                if (target >= 0) {
                    builder.addEdge(local, target, weights[index]);
                }
            }
        }
        InfluenceResult result = InfluenceSolver.solve(builder.build(), Teleport.uniform(), alpha,
                InfluenceSolver.DEFAULT_TOLERANCE, InfluenceSolver.DEFAULT_MAX_ITERATIONS, null);
        return result.scores();
    }

    private static double density(UndirectedGraph contacts, int[] members, int[] sphereOf) {
        if (members.length < 2) {
            return 0;
        }
        long inside = 0;
        int[] offsets = contacts.offsets();
        int[] neighbours = contacts.neighbourArray();
        for (int node : members) {
            for (int position = offsets[node]; position < offsets[node + 1]; position++) {
                int neighbour = neighbours[position];
                if (neighbour > node && sphereOf[neighbour] == sphereOf[node]) {
                    inside++;
                }
            }
        }
        return inside / ((double) members.length * (members.length - 1) / 2);
    }

    /** The spheres a node's ties reach, its own included, ascending; empty without a sphere. */
    private static int[] spheresTied(UndirectedGraph ties, int[] sphereOf, int node) {
        if (sphereOf[node] == NO_SPHERE) {
            return new int[0];
        }
        int[] offsets = ties.offsets();
        int[] neighbours = ties.neighbourArray();
        int[] reached = new int[offsets[node + 1] - offsets[node] + 1];
        int count = 0;
        reached[count++] = sphereOf[node];
        for (int position = offsets[node]; position < offsets[node + 1]; position++) {
            reached[count++] = sphereOf[neighbours[position]];
        }
        return Arrays.stream(reached, 0, count).sorted().distinct().toArray();
    }

    /** The smallest value among the top {@link #TOP_BETWEENNESS_SHARE} of the values (at least one). */
    private static double topThreshold(double[] values) {
        if (values.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int top = Math.max(1, (int) Math.ceil(TOP_BETWEENNESS_SHARE * values.length));
        return sorted[sorted.length - top];
    }

    /** @return the modularity of the partition, with resolution 1 */
    public double modularity() {
        return modularity;
    }

    /** @return the spheres, number 1 first */
    public List<Sphere> spheres() {
        return spheres;
    }

    /** @return the sphere numbered {@code number}, or null when there is none */
    public Sphere sphere(int number) {
        return number >= 1 && number <= spheres.size() ? spheres.get(number - 1) : null;
    }

    /** @return the node's sphere number, or 0 when the node has no ties */
    public int sphereOf(int node) {
        return sphereOf[node];
    }

    /** @return the node's influence within its sphere (a share of 1), or 0 without a sphere */
    public double influenceInSphere(int node) {
        return influenceInSphere[node];
    }

    public double participation(int node) {
        return participation[node];
    }

    public double betweenness(int node) {
        return betweenness.at(node);
    }

    /** @return true when the betweenness was computed from every member, not estimated */
    public boolean betweennessExact() {
        return betweenness.exact();
    }

    /** @return a copy of the spheres the node's ties reach, its own included, ascending */
    public int[] spheresTied(int node) {
        return spheresTied[node].clone();
    }

    public boolean isBridge(int node) {
        return bridge[node];
    }

    /** @return a copy of the bridges' nodes, highest betweenness first */
    public int[] bridges() {
        return bridges.clone();
    }

    /** @return a copy of every node's sphere number (0 for none) */
    public int[] sphereNumbers() {
        return sphereOf.clone();
    }
}
