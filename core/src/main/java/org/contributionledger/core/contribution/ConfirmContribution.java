package org.contributionledger.core.contribution;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

/** The receiver says the act happened. */
public record ConfirmContribution(String communityId, String contributionId, String by) implements CommunityCommand {

    public ConfirmContribution {
        Ids.require(communityId, "communityId");
        Ids.require(contributionId, "contributionId");
        Ids.require(by, "by");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Contribution.aggregateId(communityId, contributionId);
    }
}
