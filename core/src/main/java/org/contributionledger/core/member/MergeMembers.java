package org.contributionledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.CommunityCommand;
import org.contributionledger.core.common.Ids;

/**
 * Two registrations of one person become one member: {@code mergedMemberId} is merged into
 * {@code memberId}, the member who stays. Handled by the merged-away member, whose state it changes
 * for good; the staying member is checked through the directory.
 */
public record MergeMembers(String communityId, String memberId, String mergedMemberId) implements CommunityCommand {

    public MergeMembers {
        Ids.require(communityId, "communityId");
        Ids.require(memberId, "memberId");
        Ids.require(mergedMemberId, "mergedMemberId");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Member.aggregateId(communityId, mergedMemberId);
    }
}
