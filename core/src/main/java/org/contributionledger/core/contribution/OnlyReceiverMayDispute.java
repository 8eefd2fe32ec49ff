package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

public class OnlyReceiverMayDispute extends LedgerRuleViolation {

    public OnlyReceiverMayDispute(String contributionId, String by) {
        super("Only the receiver may dispute contribution '" + contributionId + "', not '" + by + "'");
    }
}
