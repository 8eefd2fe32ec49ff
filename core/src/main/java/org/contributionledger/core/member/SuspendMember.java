package org.contributionledger.core.member;

import static org.contributionledger.core.common.Checks.optionalText;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

public record SuspendMember(String communityId, String memberId, String reason) implements CommunityCommand {

    public SuspendMember {
        Ids.require(communityId, "communityId");
        Ids.require(memberId, "memberId");
        reason = optionalText(reason, "reason", 1000);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Member.aggregateId(communityId, memberId);
    }
}
