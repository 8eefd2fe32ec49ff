package org.contributionledger.core.contribution;

import java.math.BigDecimal;

import org.axonframework.serialization.Revision;
import org.contributionledger.core.common.PersonalData;

/** A correction waits for the other side; the act counts with its old figures meanwhile. */
@Revision("1")
public record ContributionCorrectionProposed(String communityId, String contributionId, String giver, String receiver,
                                             String by, String category, BigDecimal value, @PersonalData(owner = "by") String reason) {
}
