package org.contributionledger.core.contribution;

import java.math.BigDecimal;
import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.contributionledger.core.common.PersonalData;

/** Self-contained, like every event: it repeats the act so projections never look anything up. */
@Revision("1")
public record ContributionDisputed(String communityId, String contributionId, String giver, String receiver,
                                   String category, BigDecimal value, Instant occurredAt, String by,
                                   @PersonalData(owner = "by") String reason) {
}
