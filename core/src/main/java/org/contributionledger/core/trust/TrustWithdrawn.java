package org.contributionledger.core.trust;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** No declaration is in force any more between the two members for this category. */
@Revision("1")
public record TrustWithdrawn(String communityId, String truster, String trustee, String category,
                             int previousLevel, Instant withdrawnAt) {
}
