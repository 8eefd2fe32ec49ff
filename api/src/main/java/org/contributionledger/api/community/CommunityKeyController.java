package org.contributionledger.api.community;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.LedgerCommands;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.api.security.KeyUsage;
import org.contributionledger.api.security.Keys;
import org.contributionledger.core.community.IssueCommunityApiKey;
import org.contributionledger.core.community.RevokeCommunityApiKey;
import org.contributionledger.core.community.UnknownApiKey;
import org.contributionledger.query.directory.Community;
import org.contributionledger.query.directory.CommunityApiKey;
import org.contributionledger.query.directory.FindCommunity;
import org.contributionledger.query.directory.FindCommunityApiKeys;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A community's keys, for the admin only (see security.SecurityConfiguration): a community key
 * cannot issue or revoke keys, so a leaked key cannot lock its community's platform out.
 */
@RestController
@Tag(name = "Community keys", description = "Issuing, rotating and revoking a community's API keys (admin only)")
@RequestMapping("/api/v1/communities/{communityId}/keys")
public class CommunityKeyController {

    private final LedgerCommands commands;
    private final QueryGateway queries;
    private final KeyUsage usage;

    public CommunityKeyController(LedgerCommands commands, QueryGateway queries, KeyUsage usage) {
        this.commands = commands;
        this.queries = queries;
        this.usage = usage;
    }

    /** Every key the community was issued, revoked ones included, with when each last acted. */
    @GetMapping
    @Operation(operationId = "listCommunityKeys", summary = "Every key a community was issued, with when each last acted")
    public CommunityKeys list(@PathVariable String communityId) {
        requireCommunity(communityId);
        return keys(communityId);
    }

    /**
     * Issues a new key (rotation). It acts at once. The community's other keys keep acting until
     * revoked, so a platform can deploy the new key first; {@code revokePrevious=true} revokes them
     * in the same step instead. The new key is in this response and nowhere else, ever.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "issueCommunityKey", summary = "Issue a new key (rotation); it is in this answer and nowhere else")
    public ResponseEntity<IssuedKey> issue(@PathVariable String communityId,
                                           @RequestParam(defaultValue = "false") boolean revokePrevious) {
        requireCommunity(communityId);
        String apiKey = Keys.generate("cl_");
        String digest = Keys.sha256(apiKey);
        String apiKeyId = "key-" + digest.substring(0, 12);
        commands.send(new IssueCommunityApiKey(communityId, apiKeyId, digest, revokePrevious));
        return ResponseEntity.created(URI.create("/api/v1/communities/" + communityId + "/keys"))
                .body(new IssuedKey(communityId, apiKey, apiKeyId, keys(communityId).keys()));
    }

    /** Revokes one key: from the next request on, it answers 401. Revoking it again changes nothing. */
    @PostMapping("/{apiKeyId}/revoke")
    @Operation(operationId = "revokeCommunityKey", summary = "Revoke one key: from the next request on, it answers 401")
    @Refuses(UnknownApiKey.class)
    public CommunityKeys revoke(@PathVariable String communityId, @PathVariable String apiKeyId) {
        requireCommunity(communityId);
        commands.send(new RevokeCommunityApiKey(communityId, apiKeyId));
        return keys(communityId);
    }

    private void requireCommunity(String communityId) {
        queries.query(new FindCommunity(communityId), ResponseTypes.optionalInstanceOf(Community.class)).join()
                .orElseThrow(() -> new NotFound("Community '" + communityId + "' does not exist"));
    }

    private CommunityKeys keys(String communityId) {
        List<CommunityApiKey> issued = queries.query(new FindCommunityApiKeys(communityId),
                ResponseTypes.multipleInstancesOf(CommunityApiKey.class)).join();
        Map<String, Instant> lastUse = usage.lastUse(issued.stream().map(CommunityApiKey::apiKeyId).toList());
        return new CommunityKeys(communityId, issued.stream()
                .map(key -> new KeyView(key.apiKeyId(), key.issuedAt(), key.revokedAt(), lastUse.get(key.apiKeyId())))
                .toList());
    }

    public record CommunityKeys(String communityId, List<KeyView> keys) {
    }

    /**
     * @param lastUsedAt when the key last made a request (accepted or rate-limited); absent when never.
     *                   Exact on the node that served the request, otherwise up to
     *                   {@code ledger.keys.last-use-flush-interval} (10 s) old.
     */
    public record KeyView(String apiKeyId, Instant issuedAt, Instant revokedAt, Instant lastUsedAt) {
    }

    public record IssuedKey(String communityId, String apiKey, String apiKeyId, List<KeyView> keys) {
    }
}
