package org.contributionledger.core.contribution;

import static org.contributionledger.core.common.Checks.optionalText;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.CommunityCommand;
import org.contributionledger.core.common.Ids;

/** The other side of the act refuses the pending correction: the act keeps its figures. */
public record RejectCorrection(String communityId, String contributionId, String by, String reason)
        implements CommunityCommand {

    public RejectCorrection {
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
