package org.contributionledger.core.contribution;

import static org.contributionledger.core.common.Checks.boundedDecimal;
import static org.contributionledger.core.common.Checks.optionalHttpUrl;
import static org.contributionledger.core.common.Checks.optionalText;
import static org.contributionledger.core.common.Checks.required;
import static org.contributionledger.core.common.Checks.storableInstant;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.CommunityCommand;

/**
 * Records one act of giving. {@code contributionId} is chosen by the client and is the idempotency
 * key: the same id with the same act again succeeds without a new event, with another act it is a
 * conflict. {@code receivedAt} is stamped by the API on arrival; it is not part of the act.
 */
public record RecordContribution(String communityId, String contributionId, String giver, String receiver,
                                 String category, BigDecimal value, Instant occurredAt, String description,
                                 String evidenceUrl, RecordedBy recordedBy, Instant receivedAt) implements CommunityCommand {

    public RecordContribution {
        Ids.require(communityId, "communityId");
        Ids.require(contributionId, "contributionId");
        Ids.require(giver, "giver");
        Ids.require(receiver, "receiver");
        Ids.require(category, "category");
        boundedDecimal(value, "value");
        storableInstant(occurredAt, "occurredAt");
        description = optionalText(description, "description", 2000);
        evidenceUrl = optionalHttpUrl(evidenceUrl, "evidenceUrl", 2000);
        required(recordedBy, "recordedBy");
        required(receivedAt, "receivedAt");
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Contribution.aggregateId(communityId, contributionId);
    }

    /** The act itself, without the moment the ledger heard of it: what idempotency compares. */
    Act act() {
        return new Act(giver, receiver, category, value.stripTrailingZeros(), occurredAt, description, evidenceUrl,
                recordedBy);
    }

    record Act(String giver, String receiver, String category, BigDecimal value, Instant occurredAt,
               String description, String evidenceUrl, RecordedBy recordedBy) {

        /** The names of the fields (as the request spells them) whose values differ, in declaration order. */
        List<String> fieldsDifferingFrom(Act other) {
            List<String> differing = new ArrayList<>();
            addIfDifferent(differing, "giver", giver, other.giver);
            addIfDifferent(differing, "receiver", receiver, other.receiver);
            addIfDifferent(differing, "category", category, other.category);
            addIfDifferent(differing, "value", value, other.value);
            addIfDifferent(differing, "occurredAt", occurredAt, other.occurredAt);
            addIfDifferent(differing, "description", description, other.description);
            addIfDifferent(differing, "evidenceUrl", evidenceUrl, other.evidenceUrl);
            addIfDifferent(differing, "recordedBy", recordedBy, other.recordedBy);
            return differing;
        }

        private static void addIfDifferent(List<String> differing, String field, Object mine, Object theirs) {
            if (!Objects.equals(mine, theirs)) {
                differing.add(field);
            }
        }
    }
}
