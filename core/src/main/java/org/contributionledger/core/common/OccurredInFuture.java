package org.contributionledger.core.common;

import java.time.Instant;

public class OccurredInFuture extends LedgerRuleViolation {

    public OccurredInFuture(String field, Instant at, Instant receivedAt) {
        super(field + " " + at + " is in the future (received at " + receivedAt + ", "
                + Participation.CLOCK_SKEW.toMinutes() + " minutes of clock skew allowed)");
    }
}
