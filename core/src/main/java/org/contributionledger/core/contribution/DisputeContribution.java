package org.contributionledger.core.contribution;

import static org.contributionledger.core.common.Checks.optionalText;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

/** The receiver says the act did not happen as recorded. */
public record DisputeContribution(String communityId, String contributionId, String by, String reason) implements CommunityCommand {

    public DisputeContribution {
        Ids.require(communityId, "communityId");
        Ids.require(contributionId, "contributionId");
        Ids.require(by, "by");
        reason = optionalText(reason, "reason", 2000);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Contribution.aggregateId(communityId, contributionId);
    }
}
