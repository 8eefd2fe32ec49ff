package org.contributionledger.query.reputation;

import java.util.List;

import org.contributionledger.query.asof.AsOf;

/**
 * The members who matter most from one member's point of view (the member themself left out).
 * <p>
 * {@code asOf} is null in a live answer; in an answer to {@code ?asOf=} it says the instant asked
 * and the event position it resolved to.
 */
public record Influencers(String communityId, String memberId, String category, List<Leaderboard.Entry> entries,
                          Freshness freshness, AsOf asOf) {

    /** This answer, stated as of a past position. */
    public Influencers withAsOf(AsOf at) {
        return new Influencers(communityId, memberId, category, entries, freshness, at);
    }
}
