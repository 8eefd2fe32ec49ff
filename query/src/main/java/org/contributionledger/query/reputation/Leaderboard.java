package org.contributionledger.query.reputation;

import java.util.List;

/** A page of members by influence; {@code total} is the number of members ranked. */
public record Leaderboard(String communityId, String category, int total, List<Entry> entries, Freshness freshness) {

    public record Entry(int rank, String memberId, double score, double relativeScore, double percentile) {
    }
}
