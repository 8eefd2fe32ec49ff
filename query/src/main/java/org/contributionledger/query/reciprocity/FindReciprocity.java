package org.contributionledger.query.reciprocity;

public record FindReciprocity(String communityId, String memberId) {
}
