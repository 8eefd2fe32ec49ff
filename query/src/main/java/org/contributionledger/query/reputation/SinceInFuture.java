package org.contributionledger.query.reputation;

import java.time.Instant;

import org.contributionledger.core.common.LedgerRuleViolation;

/**
 * A member's network asked with a {@code since} later than the instant the answer speaks for (now,
 * or the {@code asOf} instant): its balance would cover no act at all, which is a mistake in the
 * request rather than an empty answer worth giving.
 */
public class SinceInFuture extends LedgerRuleViolation {

    public SinceInFuture(Instant since, Instant answeredFor, boolean asOf) {
        super("since " + since + " is after " + (asOf ? "asOf " : "now, ") + answeredFor
                + ": the balance counts acts that occurred from since up to " + (asOf ? "asOf" : "now")
                + "; ask for an earlier since, or leave it out for all time");
    }
}
