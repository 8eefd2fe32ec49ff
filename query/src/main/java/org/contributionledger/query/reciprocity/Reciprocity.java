package org.contributionledger.query.reciprocity;

import java.math.BigDecimal;

import org.contributionledger.core.community.CommunitySettings.ReciprocityThresholds;
import org.contributionledger.query.asof.AsOf;

/**
 * A member's give and take. {@code given} and {@code received} count confirmed acts only; acts
 * still waiting (pending or disputed) are shown apart. {@code ratio} is given / received value
 * (null when nothing was received), {@code balance} given minus received value.
 * <p>
 * {@code asOf} is null in a live answer; in an answer to {@code ?asOf=} it says the instant asked
 * and the event position it resolved to.
 */
public record Reciprocity(String communityId, String memberId, Flow given, Flow received, Flow pendingGiven,
                          Flow pendingReceived, BigDecimal balance, Double ratio, int distinctPartners,
                          int mutualPartners, Role role, ReciprocityThresholds thresholds, AsOf asOf) {

    /** This answer, stated as of a past position. */
    public Reciprocity withAsOf(AsOf at) {
        return new Reciprocity(communityId, memberId, given, received, pendingGiven, pendingReceived, balance, ratio,
                distinctPartners, mutualPartners, role, thresholds, at);
    }
}
