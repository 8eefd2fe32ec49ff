package org.contributionledger.query.reciprocity;

public record FindPairwiseReciprocity(String communityId, String memberA, String memberB) {
}
