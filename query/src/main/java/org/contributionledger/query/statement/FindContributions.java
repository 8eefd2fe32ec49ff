package org.contributionledger.query.statement;

import java.time.Instant;

import org.contributionledger.core.common.InvalidField;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.query.paging.Keyset;

/**
 * A community's acts, newest first (by {@code occurredAt}). Every filter is optional: {@code member}
 * as giver or receiver, {@code category}, {@code status}, and {@code occurredAt} from {@code from}
 * (inclusive) to {@code to} (exclusive). {@code cursor} is the {@code nextCursor} of the previous page.
 */
public record FindContributions(String communityId, String member, String category, ContributionStatus status,
                                Instant from, Instant to, String cursor, int limit) {

    public FindContributions {
        Keyset.checkLimit(limit, Keyset.MAX_LIMIT);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidField("to", "to (" + to + ") must be after from (" + from + ")");
        }
    }
}
