package org.contributionledger.query.directory;

/** The community a key acts for, and whether it was revoked (a revoked key acts for no one). */
public record ApiKeyOwner(String apiKeyId, String communityId, boolean revoked) {
}
