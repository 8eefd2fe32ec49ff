package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

public class ContributionAlreadyFinal extends LedgerRuleViolation {

    public ContributionAlreadyFinal(String contributionId, ContributionStatus status) {
        super("Contribution '" + contributionId + "' is already " + status + "; corrections are new acts");
    }
}
