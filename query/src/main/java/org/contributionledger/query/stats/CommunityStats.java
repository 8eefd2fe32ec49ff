package org.contributionledger.query.stats;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A community at a glance. {@code acts} counts acts by status; {@code confirmedValue} sums confirmed
 * acts. {@code givingEdges} is the number of ordered pairs (giver, receiver) with at least one
 * confirmed act, and {@code edgewiseReciprocity} the share of those whose reverse pair also exists
 * (null when there are none). {@code positiveTrustDeclarations} and {@code negativeTrustDeclarations}
 * count the trust declarations in force with a level above and below zero: one per truster, trustee
 * and category (a declaration for all categories is one). The {@code network} part of the stats
 * counts ties between members instead, whatever their categories.
 */
public record CommunityStats(String communityId, long members, long activeMembers, Map<String, Long> acts,
                             BigDecimal confirmedValue, long givingEdges, long mutualGivingPairs,
                             Double edgewiseReciprocity, long positiveTrustDeclarations,
                             long negativeTrustDeclarations) {
}
