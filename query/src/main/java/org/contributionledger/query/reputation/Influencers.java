package org.contributionledger.query.reputation;

import java.util.List;

/** The members who matter most from one member's point of view (the member themself left out). */
public record Influencers(String communityId, String memberId, String category, List<Leaderboard.Entry> entries,
                          Freshness freshness) {
}
