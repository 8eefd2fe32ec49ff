package org.contributionledger.query.directory;

/** The member a platform's user is linked to, by the platform's stable user id. */
public record FindLinkedIdentity(String communityId, String platform, String platformUserId) {
}
