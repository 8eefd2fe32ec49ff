package org.contributionledger.query.asof;

import java.time.Instant;

/**
 * What an as-of answer is as of: the instant the caller asked for and the event position (the
 * event store's global index) it resolved to. The answer is the ledger as it stood right after the
 * event at {@code position}; see {@link EventPositions} for the rule.
 */
public record AsOf(Instant instant, long position) {
}
