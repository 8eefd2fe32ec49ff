package org.contributionledger.api.contribution;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.LedgerCommands;
import org.contributionledger.api.Provenance;
import org.contributionledger.api.batch.CommandBatchGateway;
import org.contributionledger.api.batch.ContributionBatchRecorder;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.MemberWasMerged;
import org.contributionledger.core.common.MemberNotActive;
import org.contributionledger.core.common.OccurredInFuture;
import org.contributionledger.core.common.Recording;
import org.contributionledger.core.common.UnknownCommunity;
import org.contributionledger.core.common.UnknownMember;
import org.contributionledger.core.contribution.AcceptCorrection;
import org.contributionledger.core.contribution.ConfirmContribution;
import org.contributionledger.core.contribution.ContributionAlreadyFinal;
import org.contributionledger.core.contribution.ContributionIdConflict;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.CorrectContribution;
import org.contributionledger.core.contribution.CorrectionAlreadyPending;
import org.contributionledger.core.contribution.CorrectionChangesNothing;
import org.contributionledger.core.contribution.CorrectionOutcome;
import org.contributionledger.core.contribution.DisputeContribution;
import org.contributionledger.core.contribution.NoCorrectionPending;
import org.contributionledger.core.contribution.OnlyConfirmedActMayBeCorrected;
import org.contributionledger.core.contribution.OnlyCounterpartMayDecideCorrection;
import org.contributionledger.core.contribution.OnlyReceiverMayConfirm;
import org.contributionledger.core.contribution.OnlyReceiverMayDispute;
import org.contributionledger.core.contribution.OnlyRecorderMayCorrect;
import org.contributionledger.core.contribution.OnlyRecorderMayRevoke;
import org.contributionledger.core.contribution.PlatformActChangedOnlyByItsPlatform;
import org.contributionledger.core.contribution.RecordedByPlatformOnlyThroughWebhooks;
import org.contributionledger.core.contribution.RejectCorrection;
import org.contributionledger.core.contribution.ReverseContribution;
import org.contributionledger.core.contribution.OnlyConfirmedActMayBeReversed;
import org.contributionledger.core.contribution.RevokeContribution;
import org.contributionledger.core.contribution.SelfContributionNotAllowed;
import org.contributionledger.core.contribution.UnknownCategory;
import org.contributionledger.core.contribution.ValueOutOfRange;
import org.contributionledger.query.statement.FindContribution;
import org.contributionledger.query.statement.StatementEntry;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Contributions", description = "Acts of giving and receiving, and their confirmation, dispute and revocation")
@RequestMapping("/api/v1/communities/{communityId}/contributions")
public class ContributionController {

    private final LedgerCommands commands;
    private final CommandBatchGateway batches;
    private final ContributionBatchRecorder batchRecorder;
    private final QueryGateway queries;

    public ContributionController(LedgerCommands commands, CommandBatchGateway batches,
                                  ContributionBatchRecorder batchRecorder, QueryGateway queries) {
        this.commands = commands;
        this.batches = batches;
        this.batchRecorder = batchRecorder;
        this.queries = queries;
    }

    /**
     * Records one act and answers with the act as stored (the same body as GET on its Location):
     * 201 when it was recorded now. A retry (the same id with the same act) records nothing and
     * answers 200, so the caller sees that it was a retry and what the ledger holds (e.g. CONFIRMED
     * by now); the same id with another act is a conflict naming the differing fields. One body
     * for both answers keeps a client's code path the same either way.
     */
    @PostMapping
    @Operation(operationId = "recordContribution", summary = "Record an act (201), or answer a retry of it (200)")
    @ApiResponse(responseCode = "201", description = "Recorded now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = StatementEntry.class)))
    @ApiResponse(responseCode = "200", description = "The same act was recorded before under this id; nothing recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = StatementEntry.class)))
    @Refuses({MemberWasErased.class, MemberWasMerged.class, UnknownCommunity.class, UnknownMember.class, MemberNotActive.class, OccurredInFuture.class,
            SelfContributionNotAllowed.class, UnknownCategory.class, ValueOutOfRange.class, ContributionIdConflict.class,
            RecordedByPlatformOnlyThroughWebhooks.class})
    public ResponseEntity<StatementEntry> record(@PathVariable String communityId, @RequestBody ContributionRequest request) {
        Provenance provenance = LedgerCommands.currentProvenance();
        Recording recording = commands.send(request.toCommand(communityId, provenance.receivedAt()));
        URI location = URI.create("/api/v1/communities/" + communityId + "/contributions/" + request.id());
        // The view is updated in the command's transaction, so the act reads back at once.
        StatementEntry stored = find(communityId, request.id());
        return (recording.alreadyRecorded() ? ResponseEntity.ok() : ResponseEntity.created(location))
                .location(location).body(stored);
    }

    /** Up to {@code ledger.batch.max-items} acts in one transaction, with one result per item, in order. */
    @PostMapping("/batch")
    @Operation(operationId = "recordContributions", summary = "Record many acts in one transaction, with one result per item")
    public CommandBatchGateway.BatchResponse recordBatch(@PathVariable String communityId,
                                                         @RequestBody BatchRequest request) {
        batches.check(communityId, request.contributions(), "contributions");
        Provenance provenance = LedgerCommands.currentProvenance();
        return batchRecorder.record(communityId, request.contributions(),
                item -> item.toCommand(communityId, provenance.receivedAt()), ContributionRequest::id,
                provenance.metaData());
    }

    @GetMapping("/{contributionId}")
    @Operation(operationId = "getContribution", summary = "One act and its status")
    public StatementEntry find(@PathVariable String communityId, @PathVariable String contributionId) {
        return queries.query(new FindContribution(communityId, contributionId),
                        ResponseTypes.optionalInstanceOf(StatementEntry.class)).join()
                .orElseThrow(() -> new NotFound("No contribution '" + contributionId + "' in community '"
                        + communityId + "'"));
    }

    @PostMapping("/{contributionId}/confirm")
    @Operation(operationId = "confirmContribution", summary = "The receiver confirms a pending or disputed act")
    @Refuses({MemberWasErased.class, MemberWasMerged.class, OnlyReceiverMayConfirm.class, ContributionAlreadyFinal.class})
    public ContributionState confirm(@PathVariable String communityId, @PathVariable String contributionId,
                                     @RequestBody ByRequest request) {
        commands.send(new ConfirmContribution(communityId, contributionId, request.by()));
        return new ContributionState(contributionId, ContributionStatus.CONFIRMED);
    }

    @PostMapping("/{contributionId}/dispute")
    @Operation(operationId = "disputeContribution", summary = "The receiver disputes a pending act")
    @Refuses({MemberWasErased.class, MemberWasMerged.class, OnlyReceiverMayDispute.class, ContributionAlreadyFinal.class})
    public ContributionState dispute(@PathVariable String communityId, @PathVariable String contributionId,
                                     @RequestBody ByRequest request) {
        commands.send(new DisputeContribution(communityId, contributionId, request.by(), request.reason()));
        return new ContributionState(contributionId, ContributionStatus.DISPUTED);
    }

    @PostMapping("/{contributionId}/revoke")
    @Operation(operationId = "revokeContribution", summary = "The recorder revokes an act that is not final")
    @Refuses({MemberWasErased.class, MemberWasMerged.class, PlatformActChangedOnlyByItsPlatform.class, OnlyRecorderMayRevoke.class,
            ContributionAlreadyFinal.class})
    public ContributionState revoke(@PathVariable String communityId, @PathVariable String contributionId,
                                    @RequestBody ByRequest request) {
        commands.send(new RevokeContribution(communityId, contributionId, request.by(), request.reason()));
        return new ContributionState(contributionId, ContributionStatus.REVOKED);
    }

    /**
     * The community's administrator (the admin key: no platform key may undo what both sides
     * confirmed) takes a confirmed act out of every figure, with a reason. It stays in the
     * statement as {@code REVERSED}.
     */
    @PostMapping("/{contributionId}/reversal")
    @Operation(operationId = "reverseContribution", summary = "The administrator reverses a confirmed act, with a reason")
    @Refuses(OnlyConfirmedActMayBeReversed.class)
    public ContributionState reverse(@PathVariable String communityId, @PathVariable String contributionId,
                                     @RequestBody ReversalRequest request) {
        commands.send(new ReverseContribution(communityId, contributionId, request.reason()));
        return new ContributionState(contributionId, ContributionStatus.REVERSED);
    }

    @Schema(name = "ContributionReversal", description = "Why a confirmed act no longer counts")
    public record ReversalRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 2000,
                                          example = "Recorded twice by the platform") String reason) {
    }

    /**
     * The recorder of a confirmed act proposes new figures with a reason; the act keeps its figures
     * until the other side accepts (at once where the community asks no confirmation). The old
     * events stay as they were: the correction is an event of its own.
     */
    @PostMapping("/{contributionId}/corrections")
    @Operation(operationId = "correctContribution", summary = "The recorder proposes new figures for a confirmed act")
    @Refuses({MemberWasErased.class, MemberWasMerged.class, PlatformActChangedOnlyByItsPlatform.class, OnlyRecorderMayCorrect.class, OnlyConfirmedActMayBeCorrected.class, CorrectionAlreadyPending.class,
            CorrectionChangesNothing.class, UnknownCategory.class, ValueOutOfRange.class})
    public CorrectionAnswer correct(@PathVariable String communityId, @PathVariable String contributionId,
                                    @RequestBody CorrectionRequest request) {
        CorrectionOutcome outcome = commands.send(new CorrectContribution(communityId, contributionId, request.by(),
                request.value(), request.category(), request.reason()));
        return new CorrectionAnswer(contributionId, outcome, find(communityId, contributionId));
    }

    @PostMapping("/{contributionId}/corrections/accept")
    @Operation(operationId = "acceptCorrection", summary = "The other side of the act accepts its pending correction")
    @Refuses({MemberWasErased.class, MemberWasMerged.class, OnlyCounterpartMayDecideCorrection.class, NoCorrectionPending.class})
    public CorrectionAnswer acceptCorrection(@PathVariable String communityId, @PathVariable String contributionId,
                                             @RequestBody ByRequest request) {
        CorrectionOutcome outcome = commands.send(new AcceptCorrection(communityId, contributionId, request.by()));
        return new CorrectionAnswer(contributionId, outcome, find(communityId, contributionId));
    }

    @PostMapping("/{contributionId}/corrections/reject")
    @Operation(operationId = "rejectCorrection", summary = "The other side of the act rejects its pending correction")
    @Refuses({MemberWasErased.class, MemberWasMerged.class, OnlyCounterpartMayDecideCorrection.class, NoCorrectionPending.class})
    public CorrectionAnswer rejectCorrection(@PathVariable String communityId, @PathVariable String contributionId,
                                             @RequestBody ByRequest request) {
        CorrectionOutcome outcome = commands.send(new RejectCorrection(communityId, contributionId, request.by(),
                request.reason()));
        return new CorrectionAnswer(contributionId, outcome, find(communityId, contributionId));
    }

    @Schema(name = "ContributionCorrection", description = "New figures for a confirmed act; absent, unchanged")
    public record CorrectionRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "alice",
                                            description = "The act's recorder") String by,
                                    @Schema(minimum = "0", exclusiveMinimum = true, example = "1.5") BigDecimal value,
                                    @Schema(example = "advice") String category,
                                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 2000,
                                            example = "Counted the hours twice") String reason) {
    }

    /**
     * What the request did ({@code PROPOSED}: waiting for the other side; {@code CORRECTED}: in
     * force; {@code REJECTED}), and the act as stored now, with the figures in force.
     */
    @Schema(name = "ContributionCorrectionResult")
    public record CorrectionAnswer(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "act-1") String id,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED) CorrectionOutcome outcome,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED) StatementEntry act) {
    }

    public record ContributionState(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "act-1") String id,
                                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ContributionStatus status) {
    }

    @Schema(name = "ContributionDecision", description = "Who confirms, disputes or revokes, and why")
    public record ByRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "bob") String by,
                            @Schema(maxLength = 2000) String reason) {
    }

    @Schema(name = "ContributionBatch")
    public record BatchRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ContributionRequest> contributions) {
    }

}
