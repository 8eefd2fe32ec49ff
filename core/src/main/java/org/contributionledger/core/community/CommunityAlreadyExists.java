package org.contributionledger.core.community;

import org.contributionledger.core.common.LedgerRuleViolation;

public class CommunityAlreadyExists extends LedgerRuleViolation {

    public CommunityAlreadyExists(String communityId) {
        super("Community '" + communityId + "' already exists; its API key was shown once, when it was created");
    }
}
