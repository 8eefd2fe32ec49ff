package org.contributionledger.core.member;

import org.contributionledger.core.common.LedgerRuleViolation;

public class MemberAlreadyRegistered extends LedgerRuleViolation {

    public MemberAlreadyRegistered(String communityId, String memberId) {
        super("Member '" + memberId + "' is already registered in community '" + communityId
                + "' with another display name; update the profile instead");
    }
}
