package org.contributionledger.core.community;

import static org.contributionledger.core.common.Checks.required;
import static org.contributionledger.core.common.Checks.requiredText;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

/**
 * Creates a community (one per platform space). The API key is generated outside the domain, because
 * aggregates hold no randomness; only its SHA-256 digest travels here, never the key itself.
 */
public record CreateCommunity(String communityId, String name, CommunitySettings settings, String apiKeyId,
                              String apiKeySha256) implements CommunityCommand {

    public CreateCommunity {
        Ids.require(communityId, "communityId");
        name = requiredText(name, "name", 200);
        settings = settings == null ? CommunitySettings.defaults() : settings;
        Ids.require(apiKeyId, "apiKeyId");
        required(apiKeySha256, "apiKeySha256");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Community.aggregateId(communityId);
    }
}
