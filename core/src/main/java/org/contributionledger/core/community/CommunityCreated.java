package org.contributionledger.core.community;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CommunityCreated(String communityId, String name, CommunitySettings settings) {
}
