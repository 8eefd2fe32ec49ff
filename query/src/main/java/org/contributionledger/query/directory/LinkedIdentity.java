package org.contributionledger.query.directory;

import java.time.Instant;

/**
 * A platform's user linked to a member: {@code platformUserId} is the platform's stable id for the
 * user, {@code login} the name they went by when last linked (null once the member is erased),
 * {@code linkedAt} when the identity was linked to the member.
 */
public record LinkedIdentity(String communityId, String memberId, String platform, String platformUserId, String login,
                             Instant linkedAt) {
}
