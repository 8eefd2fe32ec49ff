package org.contributionledger.query.directory;

public record FindCommunity(String communityId) {
}
