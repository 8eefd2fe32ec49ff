package org.contributionledger.api.webhook;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A community's settings for one platform as they apply, defaults included; never the secret itself. */
@Schema(name = "WebhookSettings", description = "The settings in force for one platform: every kind, defaults included; never the secret")
public record WebhookSettings(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "github") String platform,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Whether a signing secret is set: without one every delivery is 401")
        boolean secretSet,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Every kind of event this platform's webhook maps, by name")
        Map<String, KindSetting> kinds,
        @Schema(description = "When the settings were last changed; null while they were never set")
        Instant updatedAt) {
}
