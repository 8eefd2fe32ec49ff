package org.contributionledger.core.trust;

import static org.contributionledger.core.common.Checks.optionalText;
import static org.contributionledger.core.common.Checks.required;
import static org.contributionledger.core.common.Checks.storableInstant;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

/**
 * {@code truster} trusts {@code trustee} at {@code level} (-10 distrust .. +10 full trust), for one
 * category or, when {@code category} is null, for everything. {@code declaredAt} lets an importer
 * keep the original time of a historical declaration; when absent it is the moment of arrival.
 */
public record DeclareTrust(String communityId, String truster, String trustee, String category, int level,
                           String note, Instant declaredAt, Instant receivedAt) implements CommunityCommand {

    public DeclareTrust {
        Ids.require(communityId, "communityId");
        Ids.require(truster, "truster");
        Ids.require(trustee, "trustee");
        if (category != null) {
            Ids.require(category, "category");
        }
        note = optionalText(note, "note", 2000);
        required(receivedAt, "receivedAt");
        declaredAt = declaredAt == null ? receivedAt : storableInstant(declaredAt, "declaredAt");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Trust.aggregateId(communityId, truster, trustee, category);
    }
}
