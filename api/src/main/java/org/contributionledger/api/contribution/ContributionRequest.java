package org.contributionledger.api.contribution;

import java.math.BigDecimal;
import java.time.Instant;

import org.contributionledger.core.contribution.RecordContribution;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.contribution.RecordedByPlatformOnlyThroughWebhooks;

import io.swagger.v3.oas.annotations.media.Schema;

/** One act as a platform posts it; {@code id} is the client's idempotency key. */
@Schema(name = "Contribution", description = "One act of giving, as a platform posts it")
public record ContributionRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Chosen by the client; the idempotency key", example = "act-1")
        String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The member who gave", example = "ada")
        String giver,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The member who received", example = "bob")
        String receiver,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "One of the community's categories", example = "help")
        String category,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", exclusiveMinimum = true,
                description = "More than 0, at most the community's maxValuePerAct, 6 decimals at most", example = "2.5")
        BigDecimal value,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "When the act happened; not in the future",
                example = "2026-01-15T10:00:00Z")
        Instant occurredAt,
        @Schema(maxLength = 2000, example = "Reviewed the grant application")
        String description,
        @Schema(format = "uri", maxLength = 2000, description = "An http(s) URL", example = "https://example.org/evidence/act-1")
        String evidenceUrl,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Who tells the ledger: an act recorded by its giver waits for the receiver's confirmation;"
                        + " PLATFORM is set by platform webhooks only and refused here")
        RecordedBy recordedBy) {

    RecordContribution toCommand(String communityId, Instant receivedAt) {
        RecordContribution command = new RecordContribution(communityId, id, giver, receiver, category, value,
                occurredAt, description, evidenceUrl, recordedBy, receivedAt);
        // An act recorded by PLATFORM is confirmed without its receiver: only a signed webhook delivery says so.
        if (recordedBy == RecordedBy.PLATFORM) {
            throw new RecordedByPlatformOnlyThroughWebhooks(id);
        }
        return command;
    }
}
