package org.contributionledger.query.reputation;

import java.time.Instant;

/**
 * How current a reputation answer is. Reputation is recomputed in the background, debounced, after
 * the events change a community ({@code computedVersion} counts the changes it includes); while
 * changes are pending, {@code upToDate} is false. Under load the lag stays below two seconds.
 */
public record Freshness(Instant computedAt, long computedVersion, long currentVersion, boolean upToDate,
                        long computeMillis, Instant lastEventAt) {
}
