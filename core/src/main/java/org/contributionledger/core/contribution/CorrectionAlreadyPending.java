package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

/** One correction at a time: the one pending is accepted or rejected before another is proposed. */
public class CorrectionAlreadyPending extends LedgerRuleViolation {

    public CorrectionAlreadyPending(String contributionId) {
        super("A different correction of contribution '" + contributionId + "' is pending; it must be accepted or rejected first");
    }
}
