package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

public class OnlyRecorderMayRevoke extends LedgerRuleViolation {

    public OnlyRecorderMayRevoke(String contributionId, String by) {
        super("Only the member who recorded contribution '" + contributionId + "' may revoke it, not '" + by + "'");
    }
}
