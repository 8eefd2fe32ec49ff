package org.contributionledger.query.directory;

/** Every member id of a community, in id order. */
public record FindMemberIds(String communityId) {
}
