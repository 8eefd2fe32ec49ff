package org.contributionledger.core.common;

public class UnknownMember extends LedgerRuleViolation {

    public UnknownMember(String communityId, String memberId) {
        super("Member '" + memberId + "' is not registered in community '" + communityId + "'");
    }
}
