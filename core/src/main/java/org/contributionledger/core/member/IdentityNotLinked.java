package org.contributionledger.core.member;

import org.contributionledger.core.common.LedgerRuleViolation;

/** Only an identity the member has can be unlinked from them. */
public class IdentityNotLinked extends LedgerRuleViolation {

    public IdentityNotLinked(String communityId, String memberId, String platform, String platformUserId) {
        super("The " + platform + " user '" + platformUserId + "' is not linked to member '" + memberId
                + "' of community '" + communityId + "'");
    }
}
