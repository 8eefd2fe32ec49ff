package org.contributionledger.query.reputation;

import java.time.Instant;

/**
 * How current a reputation answer is. Reputation is recomputed in the background, debounced, after
 * the events change a community: {@code computedVersion} counts the changes the answer includes,
 * {@code currentVersion} those the projection has seen, and {@code eventsBehind} the events the
 * answer does not include yet: the community's changes seen but not computed yet
 * ({@code currentVersion - computedVersion}) plus the stored events (of any community) the
 * projection has not processed yet (-1: unknown). A member's sphere may come from an older snapshot
 * than the rest of the answer (its {@code computedVersion} says which), and then counts from there.
 * {@code upToDate} is true exactly when {@code eventsBehind} is 0: every part of the answer includes
 * every stored event.
 */
public record Freshness(Instant computedAt, long computedVersion, long currentVersion, boolean upToDate,
                        long eventsBehind, long computeMillis, Instant lastEventAt) {
}
