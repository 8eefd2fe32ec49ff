package org.contributionledger.query.directory;

/** Every platform identity linked to a member. */
public record FindMemberIdentities(String communityId, String memberId) {
}
