package org.contributionledger.query.directory;

/** Which member a platform's user acts as now, by the platform's stable user id ({@link MemberInForce}). */
public record FindMemberInForce(String communityId, String platform, String platformUserId) {
}
