package org.contributionledger.query.stats;

public record FindCommunityStats(String communityId) {
}
