package org.contributionledger.query.directory;

import java.time.Instant;

/** {@code displayName} is null once the member is {@code erased} (docs/audit.md, "Erasure"). */
public record Member(String communityId, String memberId, String displayName, boolean active, Instant registeredAt,
                     boolean erased) {
}
