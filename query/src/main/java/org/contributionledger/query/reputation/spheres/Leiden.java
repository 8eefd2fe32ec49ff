package org.contributionledger.query.reputation.spheres;

import java.util.SplittableRandom;

/**
 * The Leiden algorithm (Traag, Waltman &amp; van Eck 2019, "From Louvain to Leiden: guaranteeing
 * well-connected communities", Scientific Reports 9:5233) maximising modularity with resolution 1.
 *
 * <p>One pass repeats three phases on ever smaller graphs until every community is one node:
 * <ol>
 *   <li><b>fast local moving</b>: nodes wait in a queue (first in a random order); each is moved to
 *       the neighbouring community (or an empty one) that raises modularity most, and its
 *       neighbours outside that community join the queue again;</li>
 *   <li><b>refinement</b>: inside each community, starting from singletons, every well-connected
 *       node still alone is merged into a well-connected sub-community of the same community,
 *       chosen at random with probability proportional to {@code exp(gain / theta)} among those
 *       that do not lower modularity ({@code theta = 0.01}); this is what keeps every community
 *       connected, which Louvain does not guarantee;</li>
 *   <li><b>aggregation</b>: each refined sub-community becomes one node, and the (non-refined)
 *       communities of the first phase are the starting partition of the smaller graph.</li>
 * </ol>
 * Passes repeat from the partition found until one changes nothing (igraph's
 * {@code n_iterations=-1}).
 *
 * <p>Gains are in edge-weight units: moving node {@code v} (strength {@code k_v}) into community
 * {@code C} is worth {@code k_vC - gamma * k_v * K_C / 2m}, where {@code k_vC} is the weight of its
 * ties into {@code C} and {@code K_C} the strength of {@code C}; a move is made only when it beats
 * staying by more than a rounding error, so a pass can never cycle.
 *
 * <p>Deterministic for a given seed: the only randomness is a {@link SplittableRandom} of that seed,
 * and every other order is by node number.
 */
public final class Leiden {

    /** {@code gamma} of the modularity: 1 is Newman's modularity. */
    public static final double RESOLUTION = 1.0;

    /** {@code theta} of the refinement, the value the paper and its reference implementation use. */
    public static final double RANDOMNESS = 0.01;

    /**
     * A move must beat staying by more than this share of the node's strength: rounding in the sums
     * of weights could otherwise let two moves undo each other forever.
     */
    private static final double SLACK = 1e-12;

    /** Passes always end once nothing moves; this only bounds a pathological input. */
    private static final int MAX_PASSES = 1000;

    private Leiden() {
    }

    /**
     * Partitions the graph.
     *
     * @param graph the graph
     * @param seed  the seed of the random orders and refinement choices
     * @return the community of each node, numbered {@code 0..c-1} in the order of each community's
     *         lowest node; a node without ties is a community of its own
     */
    public static int[] partition(UndirectedGraph graph, long seed) {
        int nodeCount = graph.nodeCount();
        int[] membership = identity(nodeCount);
        if (graph.totalWeight() == 0) {
            return membership;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] nodeWeights = new double[nodeCount];
        for (int node = 0; node < nodeCount; node++) {
            nodeWeights[node] = graph.strength(node);
        }
        double resolution = RESOLUTION / (2 * graph.totalWeight());
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            if (!improve(graph, nodeWeights, membership, resolution, random)) {
                break;
            }
        }
        renumber(membership);
        return membership;
    }

    /**
     * One pass from the given partition over all levels of aggregation; the partition of the
     * original nodes is updated in place.
     *
     * @return true when some node or aggregate moved
     */
    private static boolean improve(UndirectedGraph graph, double[] nodeWeights, int[] membership, double resolution,
                                   SplittableRandom random) {
        boolean changed = false;
        int originalCount = graph.nodeCount();
        int[] levelNodeOf = identity(originalCount);
        UndirectedGraph level = graph;
        double[] levelWeights = nodeWeights;
        int[] levelMembership = membership.clone();
        renumber(levelMembership);
        while (true) {
            changed |= moveNodesFast(level, levelWeights, levelMembership, resolution, random);
            int communities = renumber(levelMembership);
            if (communities == level.nodeCount()) {
                break;
            }
            int[] refined = refine(level, levelWeights, levelMembership, resolution, random);
            int refinedCount = renumber(refined);
            int[] aggregateOf;
            int[] nextMembership;
            int aggregateCount;
            if (refinedCount < level.nodeCount()) {
                aggregateOf = refined;
                aggregateCount = refinedCount;
                nextMembership = new int[refinedCount];
                for (int node = 0; node < level.nodeCount(); node++) {
                    nextMembership[refined[node]] = levelMembership[node];
                }
            } else {
                // The refinement merged nothing: aggregating by it would not shrink the graph, so
                // aggregate by the communities themselves (as the reference implementation does).
                aggregateOf = levelMembership;
                aggregateCount = communities;
                nextMembership = identity(communities);
            }
            double[] aggregateWeights = new double[aggregateCount];
            for (int node = 0; node < level.nodeCount(); node++) {
                aggregateWeights[aggregateOf[node]] += levelWeights[node];
            }
            for (int node = 0; node < originalCount; node++) {
                levelNodeOf[node] = aggregateOf[levelNodeOf[node]];
            }
            level = aggregate(level, aggregateOf, aggregateCount);
            levelWeights = aggregateWeights;
            levelMembership = nextMembership;
        }
        for (int node = 0; node < originalCount; node++) {
            membership[node] = levelMembership[levelNodeOf[node]];
        }
        return changed;
    }

    /**
     * Fast local moving: moves nodes between communities (ids {@code 0..n-1}) while that raises
     * modularity; only nodes whose neighbourhood changed are visited again.
     */
    private static boolean moveNodesFast(UndirectedGraph graph, double[] nodeWeights, int[] membership,
                                         double resolution, SplittableRandom random) {
        int nodeCount = graph.nodeCount();
        int[] offsets = graph.offsets();
        int[] neighbours = graph.neighbourArray();
        double[] weights = graph.weightArray();
        double[] communityWeight = new double[nodeCount];
        int[] communitySize = new int[nodeCount];
        for (int node = 0; node < nodeCount; node++) {
            communityWeight[membership[node]] += nodeWeights[node];
            communitySize[membership[node]]++;
        }
        int[] emptyCommunities = new int[nodeCount];
        int emptyCount = 0;
        for (int community = nodeCount - 1; community >= 0; community--) {
            if (communitySize[community] == 0) {
                emptyCommunities[emptyCount++] = community;
            }
        }

        // A circular queue holding each node at most once, filled first in a random order.
        int[] queue = randomOrder(nodeCount, random);
        boolean[] queued = new boolean[nodeCount];
        java.util.Arrays.fill(queued, true);
        int head = 0;
        int queuedCount = nodeCount;

        double[] weightInto = new double[nodeCount];
        int[] touched = new int[nodeCount];
        boolean changed = false;
        while (queuedCount > 0) {
            int node = queue[head];
            head = head + 1 == nodeCount ? 0 : head + 1;
            queuedCount--;
            queued[node] = false;

            int current = membership[node];
            double nodeWeight = nodeWeights[node];
            communityWeight[current] -= nodeWeight;
            communitySize[current]--;

            int touchedCount = 0;
            touched[touchedCount++] = current;
            for (int position = offsets[node]; position < offsets[node + 1]; position++) {
                int community = membership[neighbours[position]];
                if (weightInto[community] == 0 && community != current) {
                    touched[touchedCount++] = community;
                }
                weightInto[community] += weights[position];
            }
            double stayGain = weightInto[current] - resolution * nodeWeight * communityWeight[current];
            int best = current;
            double bestGain = stayGain;
            for (int index = 1; index < touchedCount; index++) {
                int community = touched[index];
                double gain = weightInto[community] - resolution * nodeWeight * communityWeight[community];
                if (gain > bestGain) {
                    best = community;
                    bestGain = gain;
                }
            }
            // An empty community is worth 0; when the node was alone it is already in one.
            boolean toEmpty = communitySize[current] > 0 && 0 > bestGain;
            if (toEmpty) {
                bestGain = 0;
            }
            for (int index = 0; index < touchedCount; index++) {
                weightInto[touched[index]] = 0;
            }

            int target = current;
            if (bestGain > stayGain + SLACK * nodeWeight) {
                target = toEmpty ? emptyCommunities[--emptyCount] : best;
                if (communitySize[current] == 0) {
                    emptyCommunities[emptyCount++] = current;
                }
                changed = true;
            }
            membership[node] = target;
            communityWeight[target] += nodeWeight;
            communitySize[target]++;

            if (target != current) {
                for (int position = offsets[node]; position < offsets[node + 1]; position++) {
                    int neighbour = neighbours[position];
                    if (!queued[neighbour] && membership[neighbour] != target) {
                        queued[neighbour] = true;
                        queue[(head + queuedCount) % nodeCount] = neighbour;
                        queuedCount++;
                    }
                }
            }
        }
        return changed;
    }

    /**
     * Refinement: within each community of {@code membership}, merges singletons into well-connected
     * sub-communities at random, favouring larger gains. Returns the sub-community of each node (ids
     * are node numbers, not yet renumbered).
     */
    private static int[] refine(UndirectedGraph graph, double[] nodeWeights, int[] membership, double resolution,
                                SplittableRandom random) {
        int nodeCount = graph.nodeCount();
        int[] offsets = graph.offsets();
        int[] neighbours = graph.neighbourArray();
        double[] weights = graph.weightArray();

        int[] refined = identity(nodeCount);
        double[] refinedWeight = nodeWeights.clone();
        boolean[] grown = new boolean[nodeCount];
        double[] communityWeight = new double[nodeCount];
        // The weight of ties from each sub-community to the rest of its community.
        double[] external = new double[nodeCount];
        for (int node = 0; node < nodeCount; node++) {
            communityWeight[membership[node]] += nodeWeights[node];
            for (int position = offsets[node]; position < offsets[node + 1]; position++) {
                if (membership[neighbours[position]] == membership[node]) {
                    external[node] += weights[position];
                }
            }
        }

        double[] weightInto = new double[nodeCount];
        int[] candidates = new int[nodeCount];
        double[] gains = new double[nodeCount];
        double[] cumulative = new double[nodeCount];
        for (int node : randomOrder(nodeCount, random)) {
            // Only nodes still alone move, so each sub-community stays connected.
            if (refined[node] != node || grown[node]) {
                continue;
            }
            int community = membership[node];
            double total = communityWeight[community];
            double nodeWeight = nodeWeights[node];
            if (external[node] < resolution * nodeWeight * (total - nodeWeight)) {
                continue;
            }
            double nodeExternal = external[node];
            refinedWeight[node] = 0;
            external[node] = 0;

            int candidateCount = 0;
            candidates[candidateCount++] = node;
            for (int position = offsets[node]; position < offsets[node + 1]; position++) {
                int neighbour = neighbours[position];
                if (membership[neighbour] == community) {
                    int sub = refined[neighbour];
                    if (weightInto[sub] == 0) {
                        candidates[candidateCount++] = sub;
                    }
                    weightInto[sub] += weights[position];
                }
            }
            double maxGain = 0;
            int best = node;
            for (int index = 0; index < candidateCount; index++) {
                int sub = candidates[index];
                double subWeight = refinedWeight[sub];
                boolean wellConnected = external[sub] >= resolution * subWeight * (total - subWeight);
                double gain = weightInto[sub] - resolution * nodeWeight * subWeight;
                gains[index] = wellConnected && gain >= 0 ? gain : Double.NaN;
                if (wellConnected && gain > maxGain) {
                    maxGain = gain;
                    best = sub;
                }
            }
            // Weights exp((gain - maxGain) / theta): the same distribution as exp(gain / theta),
            // without overflow when gains are large next to theta.
            double sum = 0;
            for (int index = 0; index < candidateCount; index++) {
                if (!Double.isNaN(gains[index])) {
                    sum += Math.exp((gains[index] - maxGain) / RANDOMNESS);
                }
                cumulative[index] = sum;
            }
            int chosen = best;
            double draw = sum * random.nextDouble();
            for (int index = 0; index < candidateCount; index++) {
                if (cumulative[index] > draw) {
                    chosen = candidates[index];
                    break;
                }
            }

            refinedWeight[chosen] += nodeWeight;
            external[chosen] += nodeExternal - 2 * weightInto[chosen];
            if (chosen != node) {
                refined[node] = chosen;
                grown[chosen] = true;
            }
            for (int index = 0; index < candidateCount; index++) {
                weightInto[candidates[index]] = 0;
            }
        }
        return refined;
    }

    /** The graph whose nodes are the groups of {@code groupOf}, with the ties between groups summed. */
    private static UndirectedGraph aggregate(UndirectedGraph graph, int[] groupOf, int groupCount) {
        int[] offsets = graph.offsets();
        int[] neighbours = graph.neighbourArray();
        double[] weights = graph.weightArray();
        int[] rowOffsets = new int[groupCount + 1];
        for (int node = 0; node < graph.nodeCount(); node++) {
            for (int position = offsets[node]; position < offsets[node + 1]; position++) {
                if (groupOf[neighbours[position]] != groupOf[node]) {
                    rowOffsets[groupOf[node] + 1]++;
                }
            }
        }
        for (int group = 1; group <= groupCount; group++) {
            rowOffsets[group] += rowOffsets[group - 1];
        }
        int[] cursor = java.util.Arrays.copyOf(rowOffsets, groupCount);
        int[] rowNeighbours = new int[rowOffsets[groupCount]];
        double[] rowWeights = new double[rowOffsets[groupCount]];
        for (int node = 0; node < graph.nodeCount(); node++) {
            int group = groupOf[node];
            for (int position = offsets[node]; position < offsets[node + 1]; position++) {
                int other = groupOf[neighbours[position]];
                if (other != group) {
                    int slot = cursor[group]++;
                    rowNeighbours[slot] = other;
                    rowWeights[slot] = weights[position];
                }
            }
        }
        return UndirectedGraph.fromRows(groupCount, rowOffsets, rowNeighbours, rowWeights);
    }

    /**
     * Renumbers community ids in place to {@code 0..c-1} in the order of each community's lowest
     * node, so equal partitions always look the same.
     *
     * @return the number of communities {@code c}
     */
    static int renumber(int[] membership) {
        int maxId = -1;
        for (int id : membership) {
            maxId = Math.max(maxId, id);
        }
        int[] newId = new int[maxId + 1];
        java.util.Arrays.fill(newId, -1);
        int next = 0;
        for (int node = 0; node < membership.length; node++) {
            int id = membership[node];
            if (newId[id] < 0) {
                newId[id] = next++;
            }
            membership[node] = newId[id];
        }
        return next;
    }

    private static int[] identity(int count) {
        int[] values = new int[count];
        for (int index = 0; index < count; index++) {
            values[index] = index;
        }
        return values;
    }

    /** A Fisher-Yates shuffle of {@code 0..count-1}. */
    private static int[] randomOrder(int count, SplittableRandom random) {
        int[] order = identity(count);
        for (int index = count - 1; index > 0; index--) {
            int other = random.nextInt(index + 1);
            int swap = order[index];
            order[index] = order[other];
            order[other] = swap;
        }
        return order;
    }
}
