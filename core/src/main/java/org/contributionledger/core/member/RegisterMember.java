package org.contributionledger.core.member;

import static org.contributionledger.core.common.Checks.requiredText;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

/** Registers a member under the platform's own id. Registering the same member again with the same name is a harmless retry. */
public record RegisterMember(String communityId, String memberId, String displayName) implements CommunityCommand {

    public RegisterMember {
        Ids.require(communityId, "communityId");
        Ids.require(memberId, "memberId");
        displayName = requiredText(displayName, "displayName", 200);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Member.aggregateId(communityId, memberId);
    }
}
