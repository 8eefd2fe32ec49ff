package org.contributionledger.core.trust;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.contributionledger.core.common.PersonalData;

/** The declaration now in force between the two members for this category (null: all categories). */
@Revision("1")
public record TrustDeclared(String communityId, String truster, String trustee, String category, int level,
                            @PersonalData(owner = "truster") String note, Instant declaredAt) {
}
