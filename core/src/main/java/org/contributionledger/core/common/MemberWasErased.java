package org.contributionledger.core.common;

/** An erased member stays erased: they can no longer act, be renamed, suspended, reinstated or registered again. */
public class MemberWasErased extends LedgerRuleViolation {

    public MemberWasErased(String communityId, String memberId) {
        super("Member '" + memberId + "' of community '" + communityId + "' was erased");
    }
}
