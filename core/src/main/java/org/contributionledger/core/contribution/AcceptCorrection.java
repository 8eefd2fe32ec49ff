package org.contributionledger.core.contribution;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.CommunityCommand;
import org.contributionledger.core.common.Ids;

/** The other side of the act agrees to the pending correction: the act's new figures take effect. */
public record AcceptCorrection(String communityId, String contributionId, String by) implements CommunityCommand {

    public AcceptCorrection {
        Ids.require(communityId, "communityId");
        Ids.require(contributionId, "contributionId");
        Ids.require(by, "by");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Contribution.aggregateId(communityId, contributionId);
    }
}
