package org.contributionledger.query.audit;

import java.time.Instant;

/**
 * The chain's digest after a given event: whoever holds a copy can later ask {@code verify} whether
 * the history up to that event is still the one that produced it.
 *
 * @param position   the position (global index) of the last event the digest covers
 * @param eventCount how many events the digest covers
 * @param digest     h_n after that event, lowercase hex
 * @param hmac       HMAC-SHA256 of the checkpoint with the ledger's audit key (docs/audit.md), or
 *                   null when no key is configured
 */
public record Checkpoint(long position, long eventCount, String digest, Instant takenAt, String hmac) {
}
