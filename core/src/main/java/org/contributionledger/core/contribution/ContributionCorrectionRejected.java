package org.contributionledger.core.contribution;

import org.axonframework.serialization.Revision;

/** The other side refused the correction; the act keeps its figures. */
@Revision("1")
public record ContributionCorrectionRejected(String communityId, String contributionId, String by, String reason) {
}
