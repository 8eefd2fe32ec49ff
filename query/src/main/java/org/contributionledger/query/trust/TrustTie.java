package org.contributionledger.query.trust;

import java.time.Instant;

/** A trust declaration in force; {@code category} is null when it applies to every category. */
public record TrustTie(String communityId, String truster, String trustee, String category, int level, String note,
                       Instant declaredAt) {
}
