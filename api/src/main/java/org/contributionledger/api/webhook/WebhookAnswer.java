package org.contributionledger.api.webhook;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.contributionledger.api.identity.PlatformIdentity;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the ledger did with a delivery. A redelivery (same delivery or event id) gets the first
 * answer again, word for word, and records nothing.
 */
@Schema(name = "WebhookAnswer", description = "What the ledger did with a platform's delivery; a redelivery gets the same answer and records nothing")
public record WebhookAnswer(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"processed", "ignored", "verified"},
                description = "processed (200): the acts below; ignored (202): nothing to record, see reason;"
                        + " verified (200): Slack's url_verification handshake, see challenge")
        String status,
        @Schema(description = "Why nothing was recorded (status ignored); null otherwise",
                example = "GitHub event 'star' maps to no act")
        String reason,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Ids of the acts recorded now (confirmed, recordedBy PLATFORM)")
        List<String> recorded,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Ids of the acts an earlier delivery recorded already")
        List<String> alreadyRecorded,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Ids of the acts the platform took back: reversed now, or remembered so that their late addition records nothing")
        List<String> withdrawn,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Acts left unrecorded, each with the reason")
        List<Unresolved> unresolved,
        @Schema(description = "Slack's challenge, answered back (status verified); null otherwise")
        String challenge) {

    @Schema(name = "WebhookUnresolved", description = "An act the delivery describes that the ledger did not record, and why")
    public record Unresolved(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String contributionId,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String reason) {
    }

    /**
     * How an answer names a platform's user: {@code github user ada (583231)}. Erasing the member the
     * user is linked to rewrites this to {@link #erasedUser} in every stored answer ({@link #withoutLoginOf}).
     */
    static String user(PlatformIdentity identity) {
        return identity.platform() + " user " + identity.login() + " (" + identity.userId() + ")";
    }

    /** A user of an erased member, by the platform's id alone: the login was personal data. */
    static String erasedUser(String platform, String userId) {
        return platform + " user " + userId + " (login erased)";
    }

    /** This answer with every mention of the platform's user by login ({@link #user}) in its reasons replaced by {@link #erasedUser}. */
    WebhookAnswer withoutLoginOf(String platform, String userId) {
        String prefix = Pattern.quote(platform + " user ");
        // The login is the shortest text up to the user's id that does not mention another user.
        Pattern mention = Pattern.compile(prefix + "(?:(?!" + prefix + ").)*?" + Pattern.quote(" (" + userId + ")"),
                Pattern.DOTALL);
        String replacement = Matcher.quoteReplacement(erasedUser(platform, userId));
        UnaryOperator<String> scrub = text -> text == null ? null : mention.matcher(text).replaceAll(replacement);
        return new WebhookAnswer(status, scrub.apply(reason), recorded, alreadyRecorded, withdrawn,
                unresolved.stream().map(act -> new Unresolved(act.contributionId(), scrub.apply(act.reason()))).toList(),
                challenge);
    }

    static WebhookAnswer ignored(String reason) {
        return new WebhookAnswer("ignored", reason, List.of(), List.of(), List.of(), List.of(), null);
    }

    static WebhookAnswer verified(String challenge) {
        return new WebhookAnswer("verified", null, List.of(), List.of(), List.of(), List.of(), challenge);
    }

    /** 202 when nothing was there to record, 200 otherwise. */
    public int httpStatus() {
        return "ignored".equals(status) ? 202 : 200;
    }
}
