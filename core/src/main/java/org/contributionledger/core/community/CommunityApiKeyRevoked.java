package org.contributionledger.core.community;

import org.axonframework.serialization.Revision;

/** The key no longer acts for the community; the event's timestamp is the moment of revocation. */
@Revision("1")
public record CommunityApiKeyRevoked(String communityId, String apiKeyId) {
}
