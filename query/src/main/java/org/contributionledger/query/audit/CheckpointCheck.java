package org.contributionledger.query.audit;

/**
 * A supplied checkpoint against the history as stored now.
 *
 * @param recomputedDigest the digest of every stored event at or before {@code position}, recomputed
 * @param digestMatches    whether it equals the supplied digest: if not, an event at or before
 *                         {@code position} was changed, removed, added or moved since
 * @param hmacValid        whether the supplied hmac is this ledger's signature of the supplied
 *                         position and digest; null when no hmac was supplied
 */
public record CheckpointCheck(long position, String digest, String recomputedDigest, boolean digestMatches,
                              Boolean hmacValid) {

    boolean passes() {
        return digestMatches && !Boolean.FALSE.equals(hmacValid);
    }
}
