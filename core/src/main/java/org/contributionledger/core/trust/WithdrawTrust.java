package org.contributionledger.core.trust;

import static org.contributionledger.core.common.Checks.required;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

public record WithdrawTrust(String communityId, String truster, String trustee, String category,
                            Instant receivedAt) implements CommunityCommand {

    public WithdrawTrust {
        Ids.require(communityId, "communityId");
        Ids.require(truster, "truster");
        Ids.require(trustee, "trustee");
        if (category != null) {
            Ids.require(category, "category");
        }
        required(receivedAt, "receivedAt");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Trust.aggregateId(communityId, truster, trustee, category);
    }
}
