package org.contributionledger.query.directory;

import java.time.Instant;

/**
 * {@code displayName} is null once the member is {@code erased} (docs/audit.md, "Erasure");
 * {@code mergedInto} names the member this one was merged into (who now acts and counts for them),
 * or is null.
 */
public record Member(String communityId, String memberId, String displayName, boolean active, Instant registeredAt,
                     boolean erased, String mergedInto) {

    /** A member who was not merged into another. */
    public Member(String communityId, String memberId, String displayName, boolean active, Instant registeredAt,
                  boolean erased) {
        this(communityId, memberId, displayName, active, registeredAt, erased, null);
    }
}
