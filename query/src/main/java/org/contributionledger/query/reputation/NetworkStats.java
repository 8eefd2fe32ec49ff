package org.contributionledger.query.reputation;

/**
 * @param trust            the trust graph: every declaration in force, whatever its sign
 * @param giving           the giving graph: giver → receiver, confirmed acts
 * @param giniOfGivenValue inequality of confirmed value given across members (0 equal .. 1 one member gives all)
 */
public record NetworkStats(Ties trust, Ties giving, Double giniOfGivenValue, Freshness freshness) {

    /**
     * @param ties                            directed ties (ordered pairs)
     * @param positive                        ties with a positive weight (for trust: level > 0)
     * @param negative                        trust ties with a negative level (distrust); 0 for giving
     * @param mutualPairs                     unordered pairs tied both ways
     * @param edgewiseReciprocity             share of ties whose reverse tie exists; null without ties
     * @param garlaschelliLoffredoReciprocity (r - a) / (1 - a), a the density: above 0, more reciprocity than chance
     */
    public record Ties(long ties, long positive, long negative, long mutualPairs, Double edgewiseReciprocity,
                       Double garlaschelliLoffredoReciprocity) {
    }
}
