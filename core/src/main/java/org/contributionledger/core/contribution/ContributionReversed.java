package org.contributionledger.core.contribution;

import java.math.BigDecimal;
import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A confirmed act no longer counts. It carries the figures in force when it was reversed (after
 * any correction), so projections take out exactly what they had put in, without a lookup.
 */
@Revision("1")
public record ContributionReversed(String communityId, String contributionId, String giver, String receiver,
                                   String category, BigDecimal value, Instant occurredAt, String reason) {
}
