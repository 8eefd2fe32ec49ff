package org.contributionledger.core.community;

import static org.contributionledger.core.common.Checks.required;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

/**
 * Gives an existing community one more key (rotation). Like at creation, the key is generated
 * outside the domain and only its digest travels here. With {@code revokePrevious}, every key the
 * community held before is revoked in the same step; without it, the old keys keep working until
 * they are revoked one by one, so a platform can switch over without a moment of refusals.
 */
public record IssueCommunityApiKey(String communityId, String apiKeyId, String apiKeySha256, boolean revokePrevious) implements CommunityCommand {

    public IssueCommunityApiKey {
        Ids.require(communityId, "communityId");
        Ids.require(apiKeyId, "apiKeyId");
        required(apiKeySha256, "apiKeySha256");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Community.aggregateId(communityId);
    }
}
