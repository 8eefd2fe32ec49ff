package org.contributionledger.api.trust;

import java.time.Instant;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.LedgerCommands;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.api.Provenance;
import org.contributionledger.api.batch.CommandBatchGateway;
import org.contributionledger.core.trust.DeclareTrust;
import org.contributionledger.core.trust.WithdrawTrust;
import org.contributionledger.query.trust.FindTrust;
import org.contributionledger.query.trust.TrustTie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Trust between two members: PUT declares (the latest is in force), DELETE withdraws. Both are idempotent. */
@RestController
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
    public TrustTie find(@PathVariable String communityId, @PathVariable String truster,
                         @PathVariable String trustee, @RequestParam(required = false) String category) {
        return queries.query(new FindTrust(communityId, truster, trustee, category),
                        ResponseTypes.optionalInstanceOf(TrustTie.class)).join()
                .orElseThrow(() -> new NotFound("No trust from '" + truster + "' to '" + trustee + "'"
                        + (category == null ? "" : " for category '" + category + "'") + " is in force in community '"
                        + communityId + "'"));
    }

    @DeleteMapping("/{truster}/{trustee}")
    public ResponseEntity<Void> withdraw(@PathVariable String communityId, @PathVariable String truster,
                                         @PathVariable String trustee, @RequestParam(required = false) String category) {
        commands.send(new WithdrawTrust(communityId, truster, trustee, category,
                LedgerCommands.currentProvenance().receivedAt()));
        return ResponseEntity.noContent().build();
    }

    /** {@code declaredAt} keeps the original time of a historical declaration (imports); absent, it is now. */
    public record DeclareTrustRequest(Integer level, String note, Instant declaredAt) {
    }

    public record BatchItem(String truster, String trustee, String category, Integer level, String note,
                            Instant declaredAt) {
    }

    public record BatchRequest(List<BatchItem> declarations) {
    }

}
