package org.contributionledger.query.reputation.graph;

/**
 * The outcome of {@link InfluenceSolver#solve}: one influence score per node, summing to 1, and
 * how the iteration ended.
 *
 * <p>The scores are held, not copied, when the result is created; {@link #scores()} hands out a
 * copy so a result can be shared safely.
 */
public final class InfluenceResult {

    private final double[] scores;
    private final int iterations;
    private final double finalChange;
    private final boolean converged;
    private final double alpha;
    private final Teleport teleport;

    InfluenceResult(double[] scores, int iterations, double finalChange, boolean converged,
                    double alpha, Teleport teleport) {
        this.scores = scores;
        this.iterations = iterations;
        this.finalChange = finalChange;
        this.converged = converged;
        this.alpha = alpha;
        this.teleport = teleport;
    }

    /** @return the number of nodes */
    public int nodeCount() {
        return scores.length;
    }

    /**
     * @param node a node id
     * @return the node's influence, a share of 1
     */
    public double score(int node) {
        return scores[node];
    }

    /**
     * @param node a node id
     * @return the score times the number of nodes: 1.0 is an average member, 2.0 twice the average
     */
    public double relativeScore(int node) {
        return scores[node] * scores.length;
    }

    /** @return a copy of all scores, indexed by node */
    public double[] scores() {
        return scores.clone();
    }

    /** @return the number of iterations run */
    public int iterations() {
        return iterations;
    }

    /** @return the L1 norm of the change made by the last iteration */
    public double finalChange() {
        return finalChange;
    }

    /** @return true when the final change is below the tolerance, false when the cap was hit */
    public boolean converged() {
        return converged;
    }

    /** @return the teleport probability the scores were computed with */
    public double alpha() {
        return alpha;
    }

    /** @return the teleport vector the scores were computed with */
    public Teleport teleport() {
        return teleport;
    }

    /** @return ranks and percentiles of these scores (computed on each call, O(N log N)) */
    public Ranking ranking() {
        return Ranking.of(scores);
    }

    /** Direct access for classes of this package that only read. */
    double[] scoresView() {
        return scores;
    }

    @Override
    public String toString() {
        return "InfluenceResult[nodes=" + scores.length + ", iterations=" + iterations
                + ", finalChange=" + finalChange + ", converged=" + converged + "]";
    }
}
