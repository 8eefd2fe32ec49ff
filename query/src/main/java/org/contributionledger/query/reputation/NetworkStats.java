package org.contributionledger.query.reputation;

/**
 * @param trust            the trust graph: every declaration in force, whatever its sign
 * @param giving           the giving graph: giver → receiver, confirmed acts
 * @param giniOfGivenValue inequality of confirmed value given across members (0 equal .. 1 one member gives all)
 */
public record NetworkStats(Ties trust, Ties giving, Double giniOfGivenValue, Freshness freshness) {

    /**
     * @param allTies                         directed ties (ordered pairs of members), whatever their sign:
     *                                        for trust, pairs with at least one declaration in force
     * @param positiveTies                    ties with a positive weight (for trust: level > 0)
     * @param negativeTies                    trust ties with a negative level (distrust); 0 for giving
     * @param mutualPairs                     unordered pairs tied both ways, counting ties of any sign
     * @param edgewiseReciprocity             share of ties whose reverse tie exists; null without ties
     * @param garlaschelliLoffredoReciprocity (r - a) / (1 - a), a the density: above 0, more reciprocity than chance
     */
    public record Ties(long allTies, long positiveTies, long negativeTies, long mutualPairs, Double edgewiseReciprocity,
                       Double garlaschelliLoffredoReciprocity) {
    }
}
