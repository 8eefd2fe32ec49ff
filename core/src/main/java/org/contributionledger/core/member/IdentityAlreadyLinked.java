package org.contributionledger.core.member;

import org.contributionledger.core.common.LedgerRuleViolation;

/** A platform's user is one person: their identity is linked to at most one member of a community. */
public class IdentityAlreadyLinked extends LedgerRuleViolation {

    public IdentityAlreadyLinked(String communityId, String platform, String platformUserId, String linkedMemberId) {
        super("The " + platform + " user '" + platformUserId + "' is already linked to member '" + linkedMemberId
                + "' of community '" + communityId + "'; unlink it there first");
    }
}
