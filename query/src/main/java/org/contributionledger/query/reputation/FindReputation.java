package org.contributionledger.query.reputation;

/** A member's reputation: influence overall and per category, breadth, reach, character, and why. */
public record FindReputation(String communityId, String memberId, int topSources) {

    public FindReputation {
        if (topSources < 0 || topSources > 100) {
            throw new IllegalArgumentException("topSources must be between 0 and 100");
        }
    }
}
