package org.contributionledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

public record ReinstateMember(String communityId, String memberId) implements CommunityCommand {

    public ReinstateMember {
        Ids.require(communityId, "communityId");
        Ids.require(memberId, "memberId");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Member.aggregateId(communityId, memberId);
    }
}
