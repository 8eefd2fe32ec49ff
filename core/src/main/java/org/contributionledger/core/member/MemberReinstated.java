package org.contributionledger.core.member;

import org.axonframework.serialization.Revision;

@Revision("1")
public record MemberReinstated(String communityId, String memberId) {
}
