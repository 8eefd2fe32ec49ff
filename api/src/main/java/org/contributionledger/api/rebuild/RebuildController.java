package org.contributionledger.api.rebuild;

import java.net.URI;

import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.problem.NotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Rebuilding the SQL views from the events alone, for the admin only (see
 * security.SecurityConfiguration): start one, follow its progress, read the views' checksums.
 */
@RestController
@Tag(name = "Views", description = "Rebuild the SQL views from the events alone and check them (admin only)")
@RequestMapping("/api/v1/admin")
public class RebuildController {

    private final ViewRebuilds rebuilds;

    public RebuildController(ViewRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @PostMapping("/rebuild")
    @Operation(operationId = "startRebuild", summary = "Rebuild every SQL view from the events, then switch to it",
            description = "Starts at once and answers 202 with the rebuild's location: the stored events are fed, in"
                    + " global order, to new views in a scratch database while the live views keep serving; then,"
                    + " with writes paused briefly, the events stored meanwhile are fed and the live tables' rows are"
                    + " replaced in one transaction. One rebuild at a time.")
    @ApiResponse(responseCode = "202", description = "Started; follow it at the Location")
    @Refuses(also = "409 rebuild-already-running")
    public ResponseEntity<Rebuild> start() {
        Rebuild rebuild = rebuilds.start();
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/rebuild/" + rebuild.id())).body(rebuild);
    }

    @GetMapping("/rebuild/{rebuildId}")
    @Operation(operationId = "getRebuild", summary = "A rebuild's progress, and its checksums once done",
            description = "Events done and total, rate and time left while it runs; the views' checksums before and"
                    + " after the switch once done.")
    @ApiResponse(responseCode = "200", description = "The rebuild as it stands")
    @Refuses(also = "404 not-found")
    public Rebuild find(@PathVariable String rebuildId) {
        return rebuilds.find(rebuildId)
                .orElseThrow(() -> new NotFound("No rebuild '" + rebuildId + "' since the ledger started"));
    }

    @GetMapping("/views")
    @Operation(operationId = "getViewChecksums", summary = "The SQL views' checksums now",
            description = "One SHA-256 per view table over its rows in key order (docs/audit.md, \"Rebuild\"): equal"
                    + " checksums, equal views.")
    @ApiResponse(responseCode = "200", description = "The checksums and the store position they were read at")
    public ViewChecksumsAnswer views() {
        return rebuilds.checksums();
    }
}
