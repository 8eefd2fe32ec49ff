package org.contributionledger.query.reputation.bench;

import java.util.SplittableRandom;

/**
 * A seeded random trust network shaped like real ones, for benchmarks.
 *
 * <ul>
 *   <li>A tenth of the members are passive: they never trust anybody, so they are dangling.</li>
 *   <li>Givers are drawn half uniformly, half from a power law (exponent 0.7) over a shuffled
 *       order of the active members, so out-degrees are heavy-tailed.</li>
 *   <li>Receivers are drawn half uniformly, half from a steeper power law (exponent 0.9) over
 *       another shuffled order, so a few members are trusted by very many ("preferential"
 *       popularity). Shuffling spreads the popular members across the id range, as a real id
 *       assignment would, instead of packing them into the first cache lines.</li>
 *   <li>A quarter of the edges return an earlier edge (trust is often mutual).</li>
 *   <li>Weights mimic {@code s_ij = trust level + gifts}: a level from 1 to 10, plus, for 30% of
 *       the ties, an exponentially distributed gift value with mean 5.</li>
 *   <li>No self-loops. Duplicate pairs can occur and are summed by the graph builder.</li>
 * </ul>
 *
 * @param nodeCount number of members
 * @param from      giver of each edge
 * @param to        receiver of each edge
 * @param weight    weight of each edge
 */
record SyntheticTrustNetwork(int nodeCount, int[] from, int[] to, double[] weight) {

    private static final double PASSIVE_SHARE = 0.10;
    private static final double RETURNED_SHARE = 0.25;
    private static final double GIVER_EXPONENT = 0.7;
    private static final double RECEIVER_EXPONENT = 0.9;

    static SyntheticTrustNetwork generate(int nodeCount, int edgeCount, long seed) {
        if (nodeCount < 10) {
            throw new IllegalArgumentException("Use at least 10 nodes");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] shuffled = shuffledIds(nodeCount, random);
        int activeCount = nodeCount - (int) (nodeCount * PASSIVE_SHARE);
        boolean[] active = new boolean[nodeCount];
        int[] activeIds = new int[activeCount];
        System.arraycopy(shuffled, 0, activeIds, 0, activeCount);
        for (int id : activeIds) {
            active[id] = true;
        }
        int[] popularity = shuffledIds(nodeCount, random);

        int[] from = new int[edgeCount];
        int[] to = new int[edgeCount];
        double[] weight = new double[edgeCount];
        for (int edge = 0; edge < edgeCount; edge++) {
            int giver;
            int receiver;
            int earlier = edge > 0 && random.nextDouble() < RETURNED_SHARE ? random.nextInt(edge) : -1;
            if (earlier >= 0 && active[to[earlier]]) {
                // Return an earlier tie, unless its receiver is passive and never gives trust.
                giver = to[earlier];
                receiver = from[earlier];
            } else {
                giver = random.nextBoolean()
                        ? activeIds[random.nextInt(activeCount)]
                        : activeIds[powerLawIndex(activeCount, GIVER_EXPONENT, random)];
                do {
                    receiver = random.nextBoolean()
                            ? random.nextInt(nodeCount)
                            : popularity[powerLawIndex(nodeCount, RECEIVER_EXPONENT, random)];
                } while (receiver == giver);
            }
            from[edge] = giver;
            to[edge] = receiver;
            double level = 1 + random.nextInt(10);
            double gift = random.nextDouble() < 0.3 ? -5 * Math.log(1 - random.nextDouble()) : 0;
            weight[edge] = level + gift;
        }
        return new SyntheticTrustNetwork(nodeCount, from, to, weight);
    }

    private static int[] shuffledIds(int count, SplittableRandom random) {
        int[] ids = new int[count];
        for (int index = 0; index < count; index++) {
            ids[index] = index;
        }
        for (int index = count - 1; index > 0; index--) {
            int other = random.nextInt(index + 1);
            int swap = ids[index];
            ids[index] = ids[other];
            ids[other] = swap;
        }
        return ids;
    }

    /**
     * A position in {@code 0..count-1} with probability roughly proportional to
     * {@code (position + 1)^-exponent}, by inverting the continuous power-law distribution on
     * {@code [1, count + 1)}. Requires {@code 0 < exponent < 1}.
     */
    private static int powerLawIndex(int count, double exponent, SplittableRandom random) {
        double oneMinus = 1 - exponent;
        double top = Math.pow(count + 1.0, oneMinus);
        double x = Math.pow(1 + (top - 1) * random.nextDouble(), 1 / oneMinus);
        return Math.min(count - 1, (int) x - 1);
    }

    long inputBytes() {
        return 16L * from.length;
    }
}
