package org.contributionledger.api.community;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.LedgerCommands;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.api.security.Keys;
import org.contributionledger.core.community.CategoryWeightForUnknownCategory;
import org.contributionledger.core.community.ChangeCommunitySettings;
import org.contributionledger.core.community.CommunityAlreadyExists;
import org.contributionledger.core.community.CommunitySettings.ReciprocityThresholds;
import org.contributionledger.core.community.CommunitySettings.ReputationWeights;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.community.CreateCommunity;
import org.contributionledger.core.community.ReciprocityThresholdOutOfRange;
import org.contributionledger.core.community.ReciprocityThresholdsOutOfOrder;
import org.contributionledger.core.community.ReputationAlphaOutOfRange;
import org.contributionledger.core.community.ReputationWeightOutOfRange;
import org.contributionledger.query.directory.Community;
import org.contributionledger.query.directory.FindCommunity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Communities", description = "Communities and their settings: the admin creates and configures them")
@RequestMapping("/api/v1/communities")
public class CommunityController {

    private final LedgerCommands commands;
    private final QueryGateway queries;

    public CommunityController(LedgerCommands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** Admin only (see security.SecurityConfiguration). The community's key is in this response and nowhere else, ever. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createCommunity", summary = "Create a community (admin only); its API key is in this answer and nowhere else")
    @Refuses({CommunityAlreadyExists.class, ReputationWeightOutOfRange.class, ReputationAlphaOutOfRange.class, CategoryWeightForUnknownCategory.class,
            ReciprocityThresholdOutOfRange.class, ReciprocityThresholdsOutOfOrder.class})
    public ResponseEntity<CommunityCreatedResponse> create(@RequestBody CreateCommunityRequest request) {
        String id = request.id() == null ? "c-" + UUID.randomUUID().toString().substring(0, 8) : request.id();
        String apiKey = Keys.generate("cl_");
        String digest = Keys.sha256(apiKey);
        String apiKeyId = "key-" + digest.substring(0, 12);
        CommunitySettings settings = new CommunitySettings(request.categories(), request.preTrustedMembers(),
                request.maxValuePerAct(), request.confirmationRequired(), request.reciprocity(), request.reputation(),
                request.registerUnknownIdentities());
        commands.send(new CreateCommunity(id, request.name(), settings, apiKeyId, digest));
        return ResponseEntity.created(URI.create("/api/v1/communities/" + id))
                .body(new CommunityCreatedResponse(id, request.name(), apiKey, apiKeyId, settings));
    }

    /**
     * Admin only (see SecurityConfiguration). Replaces every setting, checked as at creation; a setting left
     * out takes its default. Answers the community as it is now.
     */
    @PutMapping("/{communityId}/settings")
    @Operation(operationId = "changeCommunitySettings", summary = "Replace every setting of a community (admin only)")
    @Refuses({ReputationWeightOutOfRange.class, ReputationAlphaOutOfRange.class, CategoryWeightForUnknownCategory.class,
            ReciprocityThresholdOutOfRange.class, ReciprocityThresholdsOutOfOrder.class})
    public Community changeSettings(@PathVariable String communityId, @RequestBody CommunitySettingsRequest request) {
        CommunitySettings settings = new CommunitySettings(request.categories(), request.preTrustedMembers(),
                request.maxValuePerAct(), request.confirmationRequired(), request.reciprocity(), request.reputation(),
                request.registerUnknownIdentities());
        commands.send(new ChangeCommunitySettings(communityId, settings));
        return find(communityId);
    }

    @GetMapping("/{communityId}")
    @Operation(operationId = "getCommunity", summary = "A community and its settings")
    public Community find(@PathVariable String communityId) {
        return queries.query(new FindCommunity(communityId), ResponseTypes.optionalInstanceOf(Community.class)).join()
                .orElseThrow(() -> new NotFound("Community '" + communityId + "' does not exist"));
    }

    private static final String REGISTER_UNKNOWN_IDENTITIES = "Whether a platform user no member is linked to is "
            + "registered as a new member <platform>:<login> when a webhook names them; default true";

    @Schema(name = "CommunityCreation", description = "A new community; every setting left out takes its default")
    public record CreateCommunityRequest(@Schema(description = "Absent, the ledger chooses one", example = "makers") String id,
                                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200,
                                                 example = "Makers Guild") String name, List<String> categories, List<String> preTrustedMembers,
                                         BigDecimal maxValuePerAct, Boolean confirmationRequired,
                                         ReciprocityThresholds reciprocity, ReputationWeights reputation,
                                         @Schema(description = REGISTER_UNKNOWN_IDENTITIES) Boolean registerUnknownIdentities) {
    }

    @Schema(name = "CommunitySettingsChange")
    public record CommunitySettingsRequest(List<String> categories, List<String> preTrustedMembers,
                                           BigDecimal maxValuePerAct, Boolean confirmationRequired,
                                           ReciprocityThresholds reciprocity, ReputationWeights reputation,
                                           @Schema(description = REGISTER_UNKNOWN_IDENTITIES) Boolean registerUnknownIdentities) {
    }

    @Schema(name = "CreatedCommunity")
    public record CommunityCreatedResponse(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
                                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
                                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                                   description = "The community's key: shown here once, never again")
                                           String apiKey,
                                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String apiKeyId,
                                           CommunitySettings settings) {
    }
}
