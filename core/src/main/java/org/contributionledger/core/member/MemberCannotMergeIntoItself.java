package org.contributionledger.core.member;

import org.contributionledger.core.common.LedgerRuleViolation;

public class MemberCannotMergeIntoItself extends LedgerRuleViolation {

    public MemberCannotMergeIntoItself(String communityId, String memberId) {
        super("Member '" + memberId + "' of community '" + communityId + "' cannot be merged into itself");
    }
}
