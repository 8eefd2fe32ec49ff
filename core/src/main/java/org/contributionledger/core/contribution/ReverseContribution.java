package org.contributionledger.core.contribution;

import static org.contributionledger.core.common.Checks.requiredText;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.CommunityCommand;
import org.contributionledger.core.common.Ids;

/**
 * The community's administrator takes a confirmed act out of every figure, with a reason: for an
 * act that should never have counted (fraud, a duplicate), where neither side will correct it. The
 * act and its history stay; the reversal is an event of its own.
 */
public record ReverseContribution(String communityId, String contributionId, String reason) implements CommunityCommand {

    public ReverseContribution {
        Ids.require(communityId, "communityId");
        Ids.require(contributionId, "contributionId");
        reason = requiredText(reason, "reason", 2000);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Contribution.aggregateId(communityId, contributionId);
    }
}
