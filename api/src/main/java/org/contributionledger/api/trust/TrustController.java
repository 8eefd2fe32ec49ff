package org.contributionledger.api.trust;

import java.time.Instant;

import org.contributionledger.api.LedgerCommands;
import org.contributionledger.api.Provenance;
import org.contributionledger.core.trust.DeclareTrust;
import org.contributionledger.core.trust.WithdrawTrust;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Trust between two members: PUT declares (the latest is in force), DELETE withdraws. Both are idempotent. */
@RestController
@RequestMapping("/api/v1/communities/{communityId}/trust/{truster}/{trustee}")
public class TrustController {

    private final LedgerCommands commands;

    public TrustController(LedgerCommands commands) {
        this.commands = commands;
    }

    @PutMapping
    public TrustState declare(@PathVariable String communityId, @PathVariable String truster,
                              @PathVariable String trustee, @RequestParam(required = false) String category,
                              @RequestBody DeclareTrustRequest request) {
        if (request.level() == null) {
            throw new IllegalArgumentException("level is required");
        }
        Provenance provenance = LedgerCommands.currentProvenance();
        DeclareTrust command = new DeclareTrust(communityId, truster, trustee, category, request.level(),
                request.note(), request.declaredAt(), provenance.receivedAt());
        commands.send(command);
        return new TrustState(truster, trustee, category, command.level(), command.note(), command.declaredAt());
    }

    @DeleteMapping
    public ResponseEntity<Void> withdraw(@PathVariable String communityId, @PathVariable String truster,
                                         @PathVariable String trustee, @RequestParam(required = false) String category) {
        commands.send(new WithdrawTrust(communityId, truster, trustee, category,
                LedgerCommands.currentProvenance().receivedAt()));
        return ResponseEntity.noContent().build();
    }

    /** {@code declaredAt} keeps the original time of a historical declaration (imports); absent, it is now. */
    public record DeclareTrustRequest(Integer level, String note, Instant declaredAt) {
    }

    public record TrustState(String truster, String trustee, String category, int level, String note,
                             Instant declaredAt) {
    }
}
