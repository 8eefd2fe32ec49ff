package org.contributionledger.core.common;

public class UnknownCommunity extends LedgerRuleViolation {

    public UnknownCommunity(String communityId) {
        super("Community '" + communityId + "' does not exist");
    }
}
