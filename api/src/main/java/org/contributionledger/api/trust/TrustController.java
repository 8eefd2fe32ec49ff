package org.contributionledger.api.trust;

import java.time.Instant;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.LedgerCommands;
import org.contributionledger.api.Provenance;
import org.contributionledger.api.batch.CommandBatchGateway;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.MemberWasMerged;
import org.contributionledger.core.common.MemberNotActive;
import org.contributionledger.core.common.OccurredInFuture;
import org.contributionledger.core.common.UnknownCommunity;
import org.contributionledger.core.common.UnknownMember;
import org.contributionledger.core.contribution.UnknownCategory;
import org.contributionledger.core.trust.DeclareTrust;
import org.contributionledger.core.trust.SelfTrustNotAllowed;
import org.contributionledger.core.trust.TrustLevelOutOfRange;
import org.contributionledger.core.trust.WithdrawTrust;
import org.contributionledger.query.trust.FindTrust;
import org.contributionledger.query.trust.TrustTie;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Trust between two members: PUT declares (the latest is in force), DELETE withdraws. Both are idempotent. */
@RestController
@Tag(name = "Trust", description = "Trust one member declares in another, from -10 to +10")
@RequestMapping("/api/v1/communities/{communityId}/trust")
public class TrustController {

    private final LedgerCommands commands;
    private final CommandBatchGateway batches;
    private final QueryGateway queries;

    public TrustController(LedgerCommands commands, CommandBatchGateway batches, QueryGateway queries) {
        this.commands = commands;
        this.batches = batches;
        this.queries = queries;
    }

    /**
     * Many declarations in one transaction (imports of historical trust networks). A declaration dated
     * before the tie last changed is accepted but changes nothing, so replaying a history is harmless.
     */
    @PostMapping("/batch")
    @Operation(operationId = "declareTrusts", summary = "Declare many trust ties in one transaction, with one result per item")
    public CommandBatchGateway.BatchResponse declareBatch(@PathVariable String communityId,
                                                          @RequestBody BatchRequest request) {
        batches.check(communityId, request.declarations(), "declarations");
        Provenance provenance = LedgerCommands.currentProvenance();
        return batches.send(communityId, request.declarations(), item -> {
            if (item.level() == null) {
                throw new IllegalArgumentException("level is required");
            }
            return new DeclareTrust(communityId, item.truster(), item.trustee(), item.category(), item.level(),
                    item.note(), item.declaredAt(), provenance.receivedAt());
        }, item -> item.truster() + "->" + item.trustee(), provenance.metaData());
    }

    @PutMapping("/{truster}/{trustee}")
    @Operation(operationId = "declareTrust", summary = "Declare the trust one member has in another; answers the tie in force")
    @Refuses({MemberWasErased.class, MemberWasMerged.class, SelfTrustNotAllowed.class, TrustLevelOutOfRange.class, UnknownCategory.class, UnknownCommunity.class, UnknownMember.class, MemberNotActive.class, OccurredInFuture.class})
    public TrustTie declare(@PathVariable String communityId, @PathVariable String truster,
                              @PathVariable String trustee, @RequestParam(required = false) String category,
                              @RequestBody DeclareTrustRequest request) {
        if (request.level() == null) {
            throw new IllegalArgumentException("level is required");
        }
        Provenance provenance = LedgerCommands.currentProvenance();
        DeclareTrust command = new DeclareTrust(communityId, truster, trustee, category, request.level(),
                request.note(), request.declaredAt(), provenance.receivedAt());
        commands.send(command);
        // The tie in force, not the request: an older declaration than the one in force changes nothing.
        return find(communityId, truster, trustee, category);
    }

    @GetMapping("/{truster}/{trustee}")
    @Operation(operationId = "getTrust", summary = "The trust tie in force between two members")
    public TrustTie find(@PathVariable String communityId, @PathVariable String truster,
                         @PathVariable String trustee, @RequestParam(required = false) String category) {
        return queries.query(new FindTrust(communityId, truster, trustee, category),
                        ResponseTypes.optionalInstanceOf(TrustTie.class)).join()
                .orElseThrow(() -> new NotFound("No trust from '" + truster + "' to '" + trustee + "'"
                        + (category == null ? "" : " for category '" + category + "'") + " is in force in community '"
                        + communityId + "'"));
    }

    @DeleteMapping("/{truster}/{trustee}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "withdrawTrust", summary = "Withdraw trust; withdrawing trust not in force changes nothing")
    @Refuses({MemberWasErased.class, MemberWasMerged.class, UnknownCommunity.class, UnknownCategory.class, UnknownMember.class})
    public ResponseEntity<Void> withdraw(@PathVariable String communityId, @PathVariable String truster,
                                         @PathVariable String trustee, @RequestParam(required = false) String category) {
        commands.send(new WithdrawTrust(communityId, truster, trustee, category,
                LedgerCommands.currentProvenance().receivedAt()));
        return ResponseEntity.noContent().build();
    }

    /** {@code declaredAt} keeps the original time of a historical declaration (imports); absent, it is now. */
    @Schema(name = "TrustDeclaration")
    public record DeclareTrustRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "-10", maximum = "10", example = "8") Integer level,
            @Schema(maxLength = 2000, example = "Knows grants inside out") String note,
            @Schema(description = "When the trust was declared (imports); absent, now") Instant declaredAt) {
    }

    @Schema(name = "TrustBatchItem")
    public record BatchItem(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "bob") String truster,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ada") String trustee,
                            @Schema(description = "Trust for one category only; absent, for everything") String category,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "-10", maximum = "10") Integer level,
                            @Schema(maxLength = 2000) String note,
                            @Schema(description = "When the trust was declared; absent, now") Instant declaredAt) {
    }

    @Schema(name = "TrustBatch")
    public record BatchRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<BatchItem> declarations) {
    }

}
