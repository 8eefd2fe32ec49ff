package org.contributionledger.query.reputation;

import org.contributionledger.query.paging.Keyset;

/** Members by influence, overall ({@code category} null) or in one category; rank 1 first. */
public record FindLeaderboard(String communityId, String category, int limit, int offset) {

    public static final int MAX_LIMIT = 1000;

    public FindLeaderboard {
        Keyset.checkLimit(limit, MAX_LIMIT);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
