package org.contributionledger.core.member;

import static org.contributionledger.core.common.Checks.requiredText;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;

public record UpdateMemberProfile(String communityId, String memberId, String displayName) {

    public UpdateMemberProfile {
        Ids.require(communityId, "communityId");
        Ids.require(memberId, "memberId");
        displayName = requiredText(displayName, "displayName", 200);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Member.aggregateId(communityId, memberId);
    }
}
