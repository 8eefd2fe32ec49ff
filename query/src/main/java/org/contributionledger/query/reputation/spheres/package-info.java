/**
 * Spheres of influence: a pure-Java engine, arrays only, like the influence engine beside it.
 *
 * <p>{@link org.contributionledger.query.reputation.spheres.UndirectedGraph} holds the symmetrised
 * ties; {@link org.contributionledger.query.reputation.spheres.Leiden} partitions them to maximise
 * {@link org.contributionledger.query.reputation.spheres.Modularity};
 * {@link org.contributionledger.query.reputation.spheres.Betweenness} and
 * {@link org.contributionledger.query.reputation.spheres.Participation} say who lies between and
 * across the parts; {@link org.contributionledger.query.reputation.spheres.Spheres} puts it together
 * for one community (spheres, leaders, bridges). docs/reputation.md states the formulas; the
 * reference tests check them against networkx and igraph.
 */
package org.contributionledger.query.reputation.spheres;
