package org.contributionledger.query.directory;

import java.time.Instant;

public record Member(String communityId, String memberId, String displayName, boolean active, Instant registeredAt) {
}
