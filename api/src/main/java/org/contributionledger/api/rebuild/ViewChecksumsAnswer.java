package org.contributionledger.api.rebuild;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** The live views' checksums now, and the store position they reflect. */
@Schema(name = "ViewChecksums")
public record ViewChecksumsAnswer(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The store's last position when read")
        long position,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Per view table, SHA-256 over its rows in key order (docs/audit.md, \"Rebuild\")")
        Map<String, String> checksums) {
}
