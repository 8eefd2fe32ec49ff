package org.contributionledger.core.community;

import org.axonframework.serialization.Revision;

/**
 * A key that acts for the community. Only a digest is recorded: a SHA-256 of a 256-bit random key
 * cannot be turned back into the key, so the event holds no secret, yet the key table can be
 * rebuilt from the events alone.
 */
@Revision("1")
public record CommunityApiKeyIssued(String communityId, String apiKeyId, String apiKeySha256) {
}
