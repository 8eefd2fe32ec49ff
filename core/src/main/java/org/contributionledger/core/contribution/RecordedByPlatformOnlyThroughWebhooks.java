package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

/**
 * A client asked to record an act as {@code PLATFORM}: only a platform's signed webhook delivery
 * attests an act that way, since such an act is confirmed at once without its receiver.
 */
public class RecordedByPlatformOnlyThroughWebhooks extends LedgerRuleViolation {

    public RecordedByPlatformOnlyThroughWebhooks(String contributionId) {
        super("Contribution '" + contributionId + "' cannot be recorded by PLATFORM through the API: only a platform's"
                + " signed webhook delivery records such acts; record it as GIVER or RECEIVER");
    }
}
