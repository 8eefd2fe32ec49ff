package org.contributionledger.query.directory;

import java.time.Instant;

/** One key of a community, as the directory knows it: never the key, nor its digest. */
public record CommunityApiKey(String apiKeyId, Instant issuedAt, Instant revokedAt) {
}
