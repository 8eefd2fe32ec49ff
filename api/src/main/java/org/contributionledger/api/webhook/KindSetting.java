package org.contributionledger.api.webhook;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/** How one kind of platform event is recorded in a community; a field left out keeps the kind's default. */
@Schema(name = "WebhookKindSetting", description = "How one kind of platform event is recorded; a field left out takes the default")
public record KindSetting(
        @Schema(description = "Whether this kind records acts (default true)", example = "true")
        Boolean enabled,
        @Schema(description = "The category of the acts: one of the community's categories", example = "code")
        String category,
        @Schema(description = "The value of each act; for sponsorship.created, left out means the tier's monthly price in dollars",
                example = "1")
        BigDecimal value) {
}
