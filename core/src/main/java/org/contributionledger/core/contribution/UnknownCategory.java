package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

public class UnknownCategory extends LedgerRuleViolation {

    public UnknownCategory(String communityId, String category) {
        super("Category '" + category + "' is not known: community '" + communityId + "' has no such category");
    }
}
