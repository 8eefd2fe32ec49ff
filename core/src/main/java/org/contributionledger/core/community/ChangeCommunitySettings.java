package org.contributionledger.core.community;

import static org.contributionledger.core.common.Checks.required;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

/**
 * Replaces every setting of a community (a setting left out takes its default, as at creation).
 * Checked against the same {@link CommunitySettingsLimits} as at creation; this is how an admin
 * corrects a community whose settings the engines cannot compute with.
 */
public record ChangeCommunitySettings(String communityId, CommunitySettings settings) implements CommunityCommand {

    public ChangeCommunitySettings {
        Ids.require(communityId, "communityId");
        required(settings, "settings");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Community.aggregateId(communityId);
    }
}
