package org.contributionledger.core.member;

import org.axonframework.serialization.Revision;
import org.contributionledger.core.common.PersonalData;

/**
 * A platform's user is the member, from now on; recorded again with the new login when the user
 * was renamed on the platform. The login names a person, so erasing the member makes it unreadable
 * (it reads back as null then).
 */
@Revision("1")
public record IdentityLinked(String communityId, String memberId, String platform, String platformUserId,
                             @PersonalData(owner = "memberId") String login) {
}
