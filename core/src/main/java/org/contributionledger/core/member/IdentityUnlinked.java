package org.contributionledger.core.member;

import org.axonframework.serialization.Revision;

/** A platform's user is no longer the member. Carries no personal data: the user id is the platform's pseudonym. */
@Revision("1")
public record IdentityUnlinked(String communityId, String memberId, String platform, String platformUserId) {
}
