package org.contributionledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.CommunityCommand;
import org.contributionledger.core.common.Ids;

/** A data-protection request: the member's personal data becomes unreadable everywhere, for good. */
public record EraseMember(String communityId, String memberId) implements CommunityCommand {

    public EraseMember {
        Ids.require(communityId, "communityId");
        Ids.require(memberId, "memberId");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Member.aggregateId(communityId, memberId);
    }
}
