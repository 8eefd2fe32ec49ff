package org.contributionledger.core.member;

import org.axonframework.serialization.Revision;
import org.contributionledger.core.common.PersonalData;

@Revision("1")
public record MemberProfileUpdated(String communityId, String memberId, @PersonalData(owner = "memberId") String displayName) {
}
