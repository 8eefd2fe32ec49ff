package org.contributionledger.query.reputation;

import java.util.List;

/** A page of members by influence; {@code total} is the number of members ranked. */
public record Leaderboard(String communityId, String category, int total, List<Entry> entries, Freshness freshness) {

    /** {@code displayName} is the member's name as registered or last updated. */
    public record Entry(int rank, String memberId, String displayName, double score, double relativeScore,
                        double percentile) {
    }
}
