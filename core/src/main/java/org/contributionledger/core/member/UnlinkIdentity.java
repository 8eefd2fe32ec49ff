package org.contributionledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.CommunityCommand;
import org.contributionledger.core.common.Ids;

/** Unlinks a platform's user from the member: the user may then be linked to another member, or registered anew. */
public record UnlinkIdentity(String communityId, String memberId, String platform, String platformUserId)
        implements CommunityCommand {

    public UnlinkIdentity {
        Ids.require(communityId, "communityId");
        Ids.require(memberId, "memberId");
        Platforms.require(platform, "platform");
        Ids.require(platformUserId, "platformUserId");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Member.aggregateId(communityId, memberId);
    }
}
