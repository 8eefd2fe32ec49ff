package org.contributionledger.query.reputation;

/**
 * Personalized influence: the whole network seen from one member (EigenTrust with {@code p} = that
 * member), so the members who matter most to them, for one category or overall, come first.
 */
public record FindInfluencers(String communityId, String memberId, String category, int limit) {

    public FindInfluencers {
        if (limit < 1 || limit > FindLeaderboard.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + FindLeaderboard.MAX_LIMIT);
        }
    }
}
