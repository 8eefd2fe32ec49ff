package org.contributionledger.query.reciprocity;

import java.math.BigDecimal;

/**
 * Give and take between two members: confirmed acts from A to B and from B to A, acts still
 * waiting apart, A's balance towards B, and whether the tie is mutual (confirmed acts both ways).
 */
public record PairwiseReciprocity(String communityId, String memberA, String memberB, Flow aToB, Flow bToA,
                                  Flow pendingAToB, Flow pendingBToA, BigDecimal balance, boolean mutual) {
}
