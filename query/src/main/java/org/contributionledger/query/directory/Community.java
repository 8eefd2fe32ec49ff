package org.contributionledger.query.directory;

import java.time.Instant;

import org.contributionledger.core.community.CommunitySettings;

public record Community(String communityId, String name, CommunitySettings settings, Instant createdAt) {
}
