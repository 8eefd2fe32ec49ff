package org.contributionledger.api.webhook;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.contributionledger.api.LedgerCommands;
import org.contributionledger.api.Provenance;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.openapi.SignedByPlatform;
import org.contributionledger.api.security.RequestIdFilter;
import org.contributionledger.core.common.UnknownCommunity;
import org.contributionledger.core.contribution.UnknownCategory;
import org.contributionledger.core.contribution.ValueOutOfRange;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where GitHub, Discourse and Slack send their webhooks, and where a community sets the secret they
 * sign with and how their events become acts. Deliveries carry no key: the security chain lets
 * them through to {@link WebhookIntake}, which refuses (401) any not signed with the community's secret.
 */
@RestController
@Tag(name = "Webhooks", description = "Platform webhooks (GitHub, Discourse, Slack) signed by the platform, and their settings")
@RequestMapping("/api/v1/communities/{communityId}/webhooks")
public class WebhookController {

    private static final String DELIVERY_DESCRIPTION = "The platform's event as it sends it, byte for byte: the"
            + " signature is computed over this exact body";

    private final CommunityWebhooks webhooks;
    private final WebhookIntake intake;

    public WebhookController(CommunityWebhooks webhooks, WebhookIntake intake) {
        this.webhooks = webhooks;
        this.intake = intake;
    }

    @GetMapping("/{platform}/settings")
    @Operation(operationId = "getWebhookSettings",
            summary = "A platform's webhook settings in force (whether a secret is set, never the secret)")
    @Refuses(UnknownCommunity.class)
    public WebhookSettings settings(@PathVariable String communityId,
                                    @Parameter(schema = @Schema(allowableValues = {"github", "discourse", "slack"}))
                                    @PathVariable String platform) {
        return webhooks.settings(communityId, platform);
    }

    /** Replaces the settings: kinds left out take their defaults; a secret left out is kept. */
    @PutMapping("/{platform}/settings")
    @Operation(operationId = "setWebhookSettings",
            summary = "Set a platform's signing secret and how its kinds of events are recorded")
    @Refuses(value = {UnknownCommunity.class, UnknownCategory.class, ValueOutOfRange.class},
            also = "409 webhook-secrets-key-missing")
    public WebhookSettings change(@PathVariable String communityId,
                                  @Parameter(schema = @Schema(allowableValues = {"github", "discourse", "slack"}))
                                  @PathVariable String platform,
                                  @RequestBody WebhookSettingsRequest request) {
        return webhooks.change(communityId, platform, request, LedgerCommands.currentProvenance().receivedAt());
    }

    @PostMapping("/github")
    @SignedByPlatform
    @Operation(operationId = "receiveGitHubWebhook",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(description = DELIVERY_DESCRIPTION,
                    required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(type = "object"))), summary = "A GitHub webhook delivery, signed with X-Hub-Signature-256",
            parameters = {
                    @Parameter(in = ParameterIn.HEADER, name = "X-Hub-Signature-256", schema = @Schema(type = "string"),
                            description = "sha256=<hex HMAC-SHA256 of the body with the secret>"),
                    @Parameter(in = ParameterIn.HEADER, name = "X-GitHub-Event", schema = @Schema(type = "string"), example = "pull_request"),
                    @Parameter(in = ParameterIn.HEADER, name = "X-GitHub-Delivery", schema = @Schema(type = "string"),
                            description = "The delivery's id: a redelivery records nothing")})
    @ApiResponse(responseCode = "200", description = "Processed: what was recorded, withdrawn or left unresolved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = WebhookAnswer.class)))
    @ApiResponse(responseCode = "202", description = "Nothing to record (an event kind that maps to no act, or turned off)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = WebhookAnswer.class)))
    @Refuses(value = {UnknownCategory.class, ValueOutOfRange.class}, also = "401 webhook-signature-invalid")
    public ResponseEntity<WebhookAnswer> github(@PathVariable String communityId, @RequestBody(required = false) byte[] body,
                                                HttpServletRequest request) {
        return deliver(Platform.GITHUB, communityId, body, request);
    }

    @PostMapping("/discourse")
    @SignedByPlatform
    @Operation(operationId = "receiveDiscourseWebhook",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(description = DELIVERY_DESCRIPTION,
                    required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(type = "object"))),
            summary = "A Discourse webhook delivery, signed with X-Discourse-Event-Signature",
            parameters = {
                    @Parameter(in = ParameterIn.HEADER, name = "X-Discourse-Event-Signature", schema = @Schema(type = "string"),
                            description = "sha256=<hex HMAC-SHA256 of the body with the secret>"),
                    @Parameter(in = ParameterIn.HEADER, name = "X-Discourse-Event", schema = @Schema(type = "string"), example = "post_liked"),
                    @Parameter(in = ParameterIn.HEADER, name = "X-Discourse-Event-Id", schema = @Schema(type = "string"),
                            description = "The delivery's id: a redelivery records nothing"),
                    @Parameter(in = ParameterIn.HEADER, name = "X-Discourse-Instance", schema = @Schema(type = "string"),
                            description = "The forum's base URL, for links to posts")})
    @ApiResponse(responseCode = "200", description = "Processed: what was recorded, withdrawn or left unresolved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = WebhookAnswer.class)))
    @ApiResponse(responseCode = "202", description = "Nothing to record (an event kind that maps to no act, or turned off)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = WebhookAnswer.class)))
    @Refuses(value = {UnknownCategory.class, ValueOutOfRange.class}, also = "401 webhook-signature-invalid")
    public ResponseEntity<WebhookAnswer> discourse(@PathVariable String communityId, @RequestBody(required = false) byte[] body,
                                                   HttpServletRequest request) {
        return deliver(Platform.DISCOURSE, communityId, body, request);
    }

    @PostMapping("/slack")
    @SignedByPlatform
    @Operation(operationId = "receiveSlackWebhook",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(description = DELIVERY_DESCRIPTION,
                    required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(type = "object"))),
            summary = "A Slack Events API request (or its url_verification), signed with X-Slack-Signature",
            parameters = {
                    @Parameter(in = ParameterIn.HEADER, name = "X-Slack-Signature", schema = @Schema(type = "string"),
                            description = "v0=<hex HMAC-SHA256 of v0:<timestamp>:<body> with the signing secret>"),
                    @Parameter(in = ParameterIn.HEADER, name = "X-Slack-Request-Timestamp", schema = @Schema(type = "string"),
                            description = "Seconds since the epoch; refused when more than 5 minutes from the ledger's clock")})
    @ApiResponse(responseCode = "200", description = "Processed (or the url_verification challenge answered)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = WebhookAnswer.class)))
    @ApiResponse(responseCode = "202", description = "Nothing to record (an event that maps to no act, or turned off)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = WebhookAnswer.class)))
    @Refuses(value = {UnknownCategory.class, ValueOutOfRange.class}, also = "401 webhook-signature-invalid")
    public ResponseEntity<WebhookAnswer> slack(@PathVariable String communityId, @RequestBody(required = false) byte[] body,
                                               HttpServletRequest request) {
        return deliver(Platform.SLACK, communityId, body, request);
    }

    private ResponseEntity<WebhookAnswer> deliver(Platform platform, String communityId, byte[] body,
                                                  HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        // No key: the platform is the caller, named in every event's provenance as such.
        Provenance provenance = new Provenance("webhook:" + platform.pathName(),
                (String) request.getAttribute(RequestIdFilter.REQUEST_ID),
                (Instant) request.getAttribute(RequestIdFilter.RECEIVED_AT));
        WebhookAnswer answer = intake.deliver(new WebhookIntake.Delivery(platform, communityId, headers,
                body == null ? new byte[0] : body, provenance));
        return ResponseEntity.status(answer.httpStatus()).contentType(MediaType.APPLICATION_JSON).body(answer);
    }
}
