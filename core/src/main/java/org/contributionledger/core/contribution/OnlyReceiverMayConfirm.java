package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

public class OnlyReceiverMayConfirm extends LedgerRuleViolation {

    public OnlyReceiverMayConfirm(String contributionId, String by) {
        super("Only the receiver may confirm contribution '" + contributionId + "', not '" + by + "'");
    }
}
