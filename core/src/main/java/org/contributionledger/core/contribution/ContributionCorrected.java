package org.contributionledger.core.contribution;

import java.math.BigDecimal;
import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.contributionledger.core.common.PersonalData;

/**
 * The act's figures from now on. Self-contained, like every event: it carries the figures before
 * and after, so projections move the act from the old ones to the new without looking anything up.
 * {@code acceptedBy} is null where the community does not ask for confirmation.
 */
@Revision("1")
public record ContributionCorrected(String communityId, String contributionId, String giver, String receiver,
                                    Instant occurredAt, String previousCategory, BigDecimal previousValue,
                                    String category, BigDecimal value, String proposedBy, String acceptedBy,
                                    @PersonalData(owner = "proposedBy") String reason) {
}
