package org.contributionledger.core.common;

public class MemberNotActive extends LedgerRuleViolation {

    public MemberNotActive(String communityId, String memberId) {
        super("Member '" + memberId + "' of community '" + communityId + "' is suspended");
    }
}
