package org.contributionledger.query.directory;

/** Every key a community was issued, revoked ones included, oldest first. Answers a list of {@link CommunityApiKey}. */
public record FindCommunityApiKeys(String communityId) {
}
