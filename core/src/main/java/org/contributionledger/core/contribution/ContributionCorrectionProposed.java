package org.contributionledger.core.contribution;

import java.math.BigDecimal;

import org.axonframework.serialization.Revision;

/** A correction waits for the other side; the act counts with its old figures meanwhile. */
@Revision("1")
public record ContributionCorrectionProposed(String communityId, String contributionId, String giver, String receiver,
                                             String by, String category, BigDecimal value, String reason) {
}
