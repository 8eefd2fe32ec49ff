package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

public class SelfContributionNotAllowed extends LedgerRuleViolation {

    public SelfContributionNotAllowed(String memberId) {
        super("Member '" + memberId + "' cannot give to themselves");
    }
}
