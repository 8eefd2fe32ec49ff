package org.contributionledger.query.reputation;

import org.contributionledger.query.paging.Keyset;

/**
 * Personalized influence: the whole network seen from one member (EigenTrust with {@code p} = that
 * member), so the members who matter most to them, for one category or overall, come first.
 */
public record FindInfluencers(String communityId, String memberId, String category, int limit) {

    public FindInfluencers {
        Keyset.checkLimit(limit, FindLeaderboard.MAX_LIMIT);
    }
}
