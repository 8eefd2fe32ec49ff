package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

public class ContributionIdConflict extends LedgerRuleViolation {

    public ContributionIdConflict(String contributionId) {
        super("Contribution id '" + contributionId + "' is already taken by a different act; ids are idempotency keys");
    }
}
