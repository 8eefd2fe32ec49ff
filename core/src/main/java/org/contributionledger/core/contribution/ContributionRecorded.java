package org.contributionledger.core.contribution;

import java.math.BigDecimal;
import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * An act was recorded. {@code status} is {@code CONFIRMED} when the receiver recorded it (or the
 * community needs no confirmation), {@code PENDING} otherwise.
 */
@Revision("1")
public record ContributionRecorded(String communityId, String contributionId, String giver, String receiver,
                                   String category, BigDecimal value, Instant occurredAt, String description,
                                   String evidenceUrl, RecordedBy recordedBy, ContributionStatus status) {
}
