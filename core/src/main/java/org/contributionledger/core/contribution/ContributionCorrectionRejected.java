package org.contributionledger.core.contribution;

import org.axonframework.serialization.Revision;
import org.contributionledger.core.common.PersonalData;

/** The other side refused the correction; the act keeps its figures. */
@Revision("1")
public record ContributionCorrectionRejected(String communityId, String contributionId, String by, @PersonalData(owner = "by") String reason) {
}
