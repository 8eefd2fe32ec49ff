package org.contributionledger.query.directory;

public record ApiKeyOwner(String apiKeyId, String communityId) {
}
