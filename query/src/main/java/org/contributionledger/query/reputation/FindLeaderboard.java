package org.contributionledger.query.reputation;

/** Members by influence, overall ({@code category} null) or in one category; rank 1 first. */
public record FindLeaderboard(String communityId, String category, int limit, int offset) {

    public static final int MAX_LIMIT = 1000;

    public FindLeaderboard {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
