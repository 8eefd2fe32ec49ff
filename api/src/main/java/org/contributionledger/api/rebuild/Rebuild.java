package org.contributionledger.api.rebuild;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A rebuild of the SQL views as it stands: its progress while it runs, the views' checksums before
 * and after once done.
 */
@Schema(name = "Rebuild")
public record Rebuild(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "rb-1") String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) State state,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Events fed to the new views so far") long eventsDone,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Events to feed: the store's events when the rebuild started, plus those stored since")
        long eventsTotal,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Events per second so far") double eventsPerSecond,
        @Schema(description = "Seconds left at the rate so far; absent before the first events are fed and once done")
        Long etaSeconds,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant startedAt,
        Instant finishedAt,
        @Schema(description = "Why it failed (state FAILED); the live views were left as they were") String failure,
        @Schema(description = "Per view table, its checksum before the switch (docs/audit.md, \"Rebuild\")")
        Map<String, String> checksumsBefore,
        @Schema(description = "Per view table, its checksum after the switch; equal to before when the views were intact")
        Map<String, String> checksumsAfter) {

    public enum State {
        /** Feeding the stored events to new views in a scratch database; the live views serve. */
        BUILDING,
        /** Writes paused: the last events fed, the live views' rows replaced in one transaction. */
        SWITCHING,
        DONE,
        FAILED
    }
}
