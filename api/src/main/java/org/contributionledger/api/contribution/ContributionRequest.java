package org.contributionledger.api.contribution;

import java.math.BigDecimal;
import java.time.Instant;

import org.contributionledger.core.contribution.RecordContribution;
import org.contributionledger.core.contribution.RecordedBy;

/** One act as a platform posts it; {@code id} is the client's idempotency key. */
public record ContributionRequest(String id, String giver, String receiver, String category, BigDecimal value,
                                  Instant occurredAt, String description, String evidenceUrl,
                                  RecordedBy recordedBy) {

    RecordContribution toCommand(String communityId, Instant receivedAt) {
        return new RecordContribution(communityId, id, giver, receiver, category, value, occurredAt, description,
                evidenceUrl, recordedBy, receivedAt);
    }
}
