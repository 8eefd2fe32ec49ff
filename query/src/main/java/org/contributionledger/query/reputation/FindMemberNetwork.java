package org.contributionledger.query.reputation;

import java.time.Instant;
import java.util.Objects;

/**
 * One member's network in one answer: its quality, character, relevance and balance, whom to meet
 * next and through whom (docs/reputation.md, "My network").
 *
 * @param category the category for relevance and whom to meet; null for the categories the member
 *                 received most in, and for whom to meet over all categories
 * @param since    the balance counts confirmed acts that occurred at or after it; null for all time
 */
public record FindMemberNetwork(String communityId, String memberId, String category, Instant since) {

    public FindMemberNetwork {
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(memberId, "memberId");
    }
}
