package org.contributionledger.core.contribution;

import static org.contributionledger.core.common.Checks.boundedDecimal;
import static org.contributionledger.core.common.Checks.requiredText;

import java.math.BigDecimal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.CommunityCommand;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.InvalidField;

/**
 * The recorder of a confirmed act proposes new figures for it, with a reason: a new value, a new
 * category or both (absent: unchanged). The old events stay as they are; the correction is an
 * event of its own, effective once the other side accepts it.
 */
public record CorrectContribution(String communityId, String contributionId, String by, BigDecimal value,
                                  String category, String reason) implements CommunityCommand {

    public CorrectContribution {
        Ids.require(communityId, "communityId");
        Ids.require(contributionId, "contributionId");
        Ids.require(by, "by");
        if (value == null && category == null) {
            throw new InvalidField("value", "a correction gives a new value, a new category or both");
        }
        if (value != null) {
            boundedDecimal(value, "value");
        }
        if (category != null) {
            Ids.require(category, "category");
        }
        reason = requiredText(reason, "reason", 2000);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Contribution.aggregateId(communityId, contributionId);
    }
}
