package org.contributionledger.query.directory;

public record FindMember(String communityId, String memberId) {
}
