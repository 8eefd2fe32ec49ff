package org.contributionledger.query.reciprocity;

import java.math.BigDecimal;

import org.contributionledger.core.community.CommunitySettings.ReciprocityThresholds;

/**
 * A member's give and take. {@code given} and {@code received} count confirmed acts only; acts
 * still waiting (pending or disputed) are shown apart. {@code ratio} is given / received value
 * (null when nothing was received), {@code balance} given minus received value.
 */
public record Reciprocity(String communityId, String memberId, Flow given, Flow received, Flow pendingGiven,
                          Flow pendingReceived, BigDecimal balance, Double ratio, int distinctPartners,
                          int mutualPartners, Role role, ReciprocityThresholds thresholds) {
}
