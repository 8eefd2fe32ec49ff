package org.contributionledger.api.audit;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.paging.NextLink;
import org.contributionledger.api.paging.Page;
import org.contributionledger.core.common.InvalidField;
import org.contributionledger.query.audit.ChainCheckpoints;
import org.contributionledger.query.audit.ChainCheckpoints.Taken;
import org.contributionledger.query.audit.ChainVerification;
import org.contributionledger.query.audit.Checkpoint;
import org.contributionledger.query.audit.Checkpoints;
import org.contributionledger.query.audit.FindCheckpoints;
import org.contributionledger.query.audit.SuppliedCheckpoint;
import org.contributionledger.query.audit.VerifyChain;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The tamper-evident history, for the admin only (see security.SecurityConfiguration): whether the
 * stored events still hash to their chain, and the checkpoints an auditor copies elsewhere.
 */
@RestController
@Tag(name = "Audit", description = "The hash chain over every event: verify the history, list and take checkpoints (admin only)")
@RequestMapping("/api/v1/audit")
public class AuditController {

    private final QueryGateway queries;
    private final ChainCheckpoints checkpoints;

    /**
     * Checkpoints on demand are written here, not through a command: they are no event of the
     * domain, only a copy of the chain's head into the checkpoint table.
     */
    public AuditController(QueryGateway queries, ChainCheckpoints checkpoints) {
        this.queries = queries;
        this.checkpoints = checkpoints;
    }

    @PostMapping("/verify")
    @Operation(operationId = "verifyChain", summary = "Recompute the hash chain from the stored events and compare it",
            description = "Streams every stored event in global order, recomputes the chain and compares it with the"
                    + " chain table: intact (with the count and head digest) or the first position where it breaks"
                    + " and how (edited, missing, reordered, unchained). With a checkpoint, also says whether the"
                    + " events up to its position still hash to its digest, and whether its hmac is this ledger's."
                    + " A broken history is an answer (200 with status broken), not an error.")
    @ApiResponse(responseCode = "200", description = "The verification; status says intact or broken")
    @Refuses(also = "422 audit-key-not-configured")
    public ChainVerification verify(@RequestBody(required = false) VerifyRequest request) {
        SuppliedCheckpoint checkpoint = request == null || request.checkpoint() == null ? null : request.checkpoint().supplied();
        return queries.query(new VerifyChain(checkpoint), ResponseTypes.instanceOf(ChainVerification.class)).join();
    }

    @GetMapping("/checkpoints")
    @Operation(operationId = "listCheckpoints", summary = "List the chain's checkpoints, oldest first",
            description = "Taken every ledger.audit.checkpoint-every events and on demand; copy them somewhere the"
                    + " ledger's operators cannot write, and hand one back to verify later.")
    @ApiResponse(responseCode = "200", description = "One page of checkpoints")
    @Refuses(also = "400 limit-out-of-range")
    public Page<Checkpoint> listCheckpoints(
            @Parameter(description = "nextCursor of the previous page; absent: the first page") @RequestParam(required = false) String cursor,
            @Parameter(description = "Checkpoints per page, 1 to 500") @RequestParam(defaultValue = "50") int limit,
            HttpServletRequest http) {
        Checkpoints page = queries.query(new FindCheckpoints(cursor, limit), ResponseTypes.instanceOf(Checkpoints.class)).join();
        return Page.of(page.items(), page.nextCursor(), NextLink.from(http).with("limit", limit));
    }

    @PostMapping("/checkpoints")
    @Operation(operationId = "takeCheckpoint", summary = "Take a checkpoint at the chain's head now",
            description = "201 with the new checkpoint; 200 with the one already there when the head has not moved"
                    + " since the last checkpoint.")
    @ApiResponse(responseCode = "201", description = "The checkpoint, recorded now")
    @ApiResponse(responseCode = "200", description = "The checkpoint already recorded at the chain's head")
    @Refuses(also = "409 nothing-chained")
    public ResponseEntity<Checkpoint> takeCheckpoint() {
        Taken taken = checkpoints.takeAtHead();
        return ResponseEntity.status(taken.recordedNow() ? HttpStatus.CREATED : HttpStatus.OK).body(taken.checkpoint());
    }

    /** @param checkpoint a checkpoint copied earlier, to check; absent: check the chain table only */
    public record VerifyRequest(CheckpointToCheck checkpoint) {
    }

    public record CheckpointToCheck(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", example = "10000",
                    description = "The position (global index) it was taken at") Long position,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[0-9a-fA-F]{64}$",
                    description = "The chain's digest there") String digest,
            @Schema(pattern = "^[0-9a-fA-F]{64}$",
                    description = "Its HMAC-SHA256; checked with the ledger's audit key (absent: the digest only)") String hmac) {

        SuppliedCheckpoint supplied() {
            if (position == null) {
                throw new InvalidField("checkpoint.position", "checkpoint.position is required");
            }
            return new SuppliedCheckpoint(position, digest, hmac);
        }
    }
}
