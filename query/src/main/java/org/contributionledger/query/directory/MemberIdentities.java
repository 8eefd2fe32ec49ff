package org.contributionledger.query.directory;

import java.util.List;

/** A member's linked platform identities, by platform and then user id. */
public record MemberIdentities(String communityId, String memberId, List<LinkedIdentity> items) {
}
