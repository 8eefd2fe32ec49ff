package org.contributionledger.core.community;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

/** Stops one of the community's keys from acting, for good. Revoking a revoked key again changes nothing. */
public record RevokeCommunityApiKey(String communityId, String apiKeyId) implements CommunityCommand {

    public RevokeCommunityApiKey {
        Ids.require(communityId, "communityId");
        Ids.require(apiKeyId, "apiKeyId");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Community.aggregateId(communityId);
    }
}
