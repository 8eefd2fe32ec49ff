package org.contributionledger.core.member;

import static org.contributionledger.core.common.Checks.requiredText;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

public record UpdateMemberProfile(String communityId, String memberId, String displayName) implements CommunityCommand {

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
