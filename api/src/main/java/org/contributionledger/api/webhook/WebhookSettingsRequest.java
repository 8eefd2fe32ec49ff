package org.contributionledger.api.webhook;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A community's settings for one platform: the signing secret and the kinds it changes from the defaults. */
@Schema(name = "WebhookSettingsRequest", description = "The platform's signing secret and the kinds of events changed from the defaults")
public record WebhookSettingsRequest(
        @Schema(description = "The secret the platform signs its deliveries with (GitHub and Discourse: the webhook's"
                + " secret; Slack: the app's signing secret), 8 to 256 characters; left out keeps the secret set before."
                + " Stored encrypted, never answered", example = "a-long-random-webhook-secret", minLength = 8, maxLength = 256)
        String secret,
        @Schema(description = "Settings by kind name; kinds not named take their defaults")
        Map<String, KindSetting> kinds) {
}
