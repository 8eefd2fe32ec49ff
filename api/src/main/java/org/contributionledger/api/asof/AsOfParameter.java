package org.contributionledger.api.asof;

import org.contributionledger.api.paging.QueryParameters;
import org.contributionledger.query.asof.AsOf;
import org.contributionledger.query.asof.EventPositions;
import org.springframework.stereotype.Component;

/**
 * The {@code asOf} query parameter of the reads that can answer for a past instant: parsed (a
 * malformed instant is a 400 naming the parameter) and resolved to an event position once per
 * request, so that every part of one answer is as of the same position.
 */
@Component
public class AsOfParameter {

    public static final String NAME = "asOf";

    public static final String DESCRIPTION = "An ISO-8601 instant such as 2026-01-15T10:00:00Z: answer as the"
            + " ledger stood then (right after the last event stored at or before it), with the instant and that"
            + " event position in `asOf`. Absent: the live answer, with `asOf` null. See docs/audit.md, \"As of\".";

    private final EventPositions positions;

    public AsOfParameter(EventPositions positions) {
        this.positions = positions;
    }

    /** The position the parameter resolves to, or null when it is absent (a live read). */
    public AsOf resolve(String communityId, String value) {
        return value == null ? null : positions.resolve(communityId, QueryParameters.instant(NAME, value));
    }
}
