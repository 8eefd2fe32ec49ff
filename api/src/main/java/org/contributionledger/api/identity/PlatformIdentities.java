package org.contributionledger.api.identity;

import java.util.Optional;

/** Which member of a community a platform's user is. */
public interface PlatformIdentities {

    /**
     * The member the platform user acts as in the community. An identity no member has yet is
     * registered as a new member {@code <platform>:<login>}, unless the community turned that off:
     * then the answer is empty and the caller says what it left unresolved.
     */
    Optional<String> memberFor(String communityId, PlatformIdentity identity);
}
