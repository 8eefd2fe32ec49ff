package org.contributionledger.core.member;

import org.axonframework.serialization.Revision;

/**
 * {@code mergedMemberId} was merged into {@code memberId}: from now on every view counts the merged
 * member's acts and trust as the staying member's, and the merged member can no longer act. The
 * events before it keep their ids, so a view of an earlier moment still shows two members.
 */
@Revision("1")
public record MembersMerged(String communityId, String memberId, String mergedMemberId) {
}
