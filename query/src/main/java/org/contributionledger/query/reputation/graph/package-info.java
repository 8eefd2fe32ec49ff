/**
 * A pure-Java reputation graph engine: no Spring, no Axon, only arrays.
 *
 * <p>{@link org.contributionledger.query.reputation.graph.WeightedDigraph} holds any weighted
 * directed graph between members numbered {@code 0..N-1} (local trust {@code s_ij >= 0}, giving,
 * ties, contacts);
 * {@link org.contributionledger.query.reputation.graph.InfluenceSolver} turns a trust graph into
 * global influence (EigenTrust / PageRank) for a chosen
 * {@link org.contributionledger.query.reputation.graph.Teleport} vector;
 * {@link org.contributionledger.query.reputation.graph.Ranking} and
 * {@link org.contributionledger.query.reputation.graph.Explanation} present the result; and
 * {@link org.contributionledger.query.reputation.graph.GraphMetrics} describes a graph
 * (reciprocity, inequality, diversity, reach).
 *
 * <p>Everything here is single-threaded and allocation-light so that a full recompute on a
 * million members takes seconds; see docs/benchmarks.md for measured figures.
 */
package org.contributionledger.query.reputation.graph;
