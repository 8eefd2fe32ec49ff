package org.contributionledger.core.member;

import org.axonframework.serialization.Revision;

@Revision("1")
public record MemberProfileUpdated(String communityId, String memberId, String displayName) {
}
