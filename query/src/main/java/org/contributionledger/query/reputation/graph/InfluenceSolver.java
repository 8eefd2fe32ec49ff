package org.contributionledger.query.reputation.graph;

/**
 * Computes global influence (EigenTrust, which with a uniform teleport vector is PageRank) on a
 * {@link WeightedDigraph}.
 *
 * <p>With {@code c_ji = s_ji / sum_k s_jk} the solver iterates
 * <pre>
 *   t'_i = (1 - alpha) * sum_j t_j * c_ji  +  ((1 - alpha) * D + alpha) * p_i
 * </pre>
 * where {@code D} is the influence currently held by dangling nodes (members who trust nobody),
 * which is handed out along the teleport vector {@code p}, as EigenTrust does. It stops when the
 * L1 norm of {@code t' - t} drops below the tolerance, or after {@code maxIterations} iterations.
 *
 * <p>Each iteration is one sequential pass over the in-edge arrays of the graph, reading the
 * previous vector and writing a new one ("pull" form), on the calling thread. With a uniform
 * teleport vector the result equals {@code networkx.pagerank(G, alpha=1-alpha, weight='weight')}
 * and JGraphT's weighted PageRank.
 *
 * <p>Convergence: the error to the exact fixed point is at most
 * {@code (1-alpha)/alpha} times the last change, so the default tolerance of 1e-10 leaves an L1
 * error below about 6e-10.
 */
public final class InfluenceSolver {

    /** Teleport (restart) probability used by EigenTrust and PageRank's customary 0.85 damping. */
    public static final double DEFAULT_ALPHA = 0.15;

    /** Stop once the L1 change between two iterations is below this. */
    public static final double DEFAULT_TOLERANCE = 1e-10;

    /**
     * Iteration cap. The change shrinks by at least a factor {@code 1 - alpha} per iteration, so
     * with alpha = 0.15 a cold start reaches 1e-10 within about 150 iterations; 1000 leaves room
     * for small alphas and tight tolerances while still bounding the work.
     */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;

    private InfluenceSolver() {
    }

    /**
     * Solves with the default alpha, tolerance and iteration cap, from a cold start.
     *
     * @param graph    the trust graph
     * @param teleport the teleport vector
     * @return the influence of every node
     */
    public static InfluenceResult solve(WeightedDigraph graph, Teleport teleport) {
        return solve(graph, teleport, DEFAULT_ALPHA, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, null);
    }

    /**
     * Solves the influence equation.
     *
     * @param graph         the trust graph
     * @param teleport      the teleport vector {@code p}
     * @param alpha         teleport probability, in {@code [0, 1]}; 0.15 is customary
     * @param tolerance     stop when the L1 change between iterations is below this, {@code > 0}
     * @param maxIterations the most iterations to run, {@code >= 1}
     * @param warmStart     the starting vector (for example the previous result after a small
     *                      change to the graph), or null to start from {@code p}; it is copied and
     *                      scaled to sum to 1, and must be non-negative with a positive sum
     * @return the scores (summing to 1), the iterations run and the final L1 change
     * @throws IllegalArgumentException on an invalid argument
     */
    public static InfluenceResult solve(WeightedDigraph graph, Teleport teleport, double alpha, double tolerance,
                                        int maxIterations, double[] warmStart) {
        int nodeCount = graph.nodeCount();
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("Alpha must be in [0, 1]: " + alpha);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("Tolerance must be positive: " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("At least one iteration is needed: " + maxIterations);
        }
        if (nodeCount == 0) {
            return new InfluenceResult(new double[0], 0, 0, true, alpha, teleport);
        }
        teleport.checkFits(nodeCount);

        // A uniform vector is not materialised: every p_i is the same constant.
        double[] teleportVector = teleport instanceof Teleport.Uniform ? null : teleport.toVector(nodeCount);
        double uniformProbability = 1.0 / nodeCount;

        double[] current = startVector(nodeCount, teleportVector, warmStart);
        double[] next = new double[nodeCount];

        int[] inOffsets = graph.inOffsets();
        int[] inSources = graph.inSources();
        double[] inShares = graph.inShares();
        int[] danglingNodes = graph.danglingNodes();
        double damping = 1 - alpha;

        int iterations = 0;
        double change = Double.POSITIVE_INFINITY;
        while (iterations < maxIterations && !(change < tolerance)) {
            double danglingMass = 0;
            for (int node : danglingNodes) {
                danglingMass += current[node];
            }
            double restart = damping * danglingMass + alpha;

            change = 0;
            int edge = inOffsets[0];
            for (int node = 0; node < nodeCount; node++) {
                int end = inOffsets[node + 1];
                // Two running sums let consecutive multiply-adds overlap instead of each waiting
                // for the previous addition; the gathers from current[] are the real cost.
                double evenSum = 0;
                double oddSum = 0;
                for (; edge + 1 < end; edge += 2) {
                    evenSum += inShares[edge] * current[inSources[edge]];
                    oddSum += inShares[edge + 1] * current[inSources[edge + 1]];
                }
                if (edge < end) {
                    evenSum += inShares[edge] * current[inSources[edge]];
                    edge++;
                }
                double p = teleportVector == null ? uniformProbability : teleportVector[node];
                double value = damping * (evenSum + oddSum) + restart * p;
                change += Math.abs(value - current[node]);
                next[node] = value;
            }
            double[] swap = current;
            current = next;
            next = swap;
            iterations++;
        }
        return new InfluenceResult(current, iterations, change, change < tolerance, alpha, teleport);
    }

    private static double[] startVector(int nodeCount, double[] teleportVector, double[] warmStart) {
        if (warmStart == null) {
            // Starting from p makes a personalised or pre-trusted run begin where its mass lives;
            // for a uniform p it is the customary 1/N start.
            return teleportVector == null ? filled(nodeCount, 1.0 / nodeCount) : teleportVector.clone();
        }
        if (warmStart.length != nodeCount) {
            throw new IllegalArgumentException("Warm start has " + warmStart.length + " entries for " + nodeCount + " nodes");
        }
        double sum = 0;
        for (double value : warmStart) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("Warm start entries must be finite and not negative: " + value);
            }
            sum += value;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("Warm start must have a positive sum");
        }
        double[] start = new double[nodeCount];
        for (int node = 0; node < nodeCount; node++) {
            start[node] = warmStart[node] / sum;
        }
        return start;
    }

    private static double[] filled(int length, double value) {
        double[] vector = new double[length];
        java.util.Arrays.fill(vector, value);
        return vector;
    }
}
