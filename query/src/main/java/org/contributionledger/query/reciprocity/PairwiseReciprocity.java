package org.contributionledger.query.reciprocity;

import java.math.BigDecimal;

import org.contributionledger.query.asof.AsOf;

/**
 * Give and take between two members: confirmed acts from A to B and from B to A, acts still
 * waiting apart, A's balance towards B, and whether the tie is mutual (confirmed acts both ways).
 * <p>
 * {@code asOf} is null in a live answer; in an answer to {@code ?asOf=} it says the instant asked
 * and the event position it resolved to.
 */
public record PairwiseReciprocity(String communityId, String memberA, String memberB, Flow aToB, Flow bToA,
                                  Flow pendingAToB, Flow pendingBToA, BigDecimal balance, boolean mutual, AsOf asOf) {

    /** This answer, stated as of a past position. */
    public PairwiseReciprocity withAsOf(AsOf at) {
        return new PairwiseReciprocity(communityId, memberA, memberB, aToB, bToA, pendingAToB, pendingBToA, balance,
                mutual, at);
    }
}
