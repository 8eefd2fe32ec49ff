package org.contributionledger.core.member;

import org.axonframework.serialization.Revision;

/**
 * The member's personal data is erased: their data key is destroyed in the same transaction, and
 * every view forgets their display name and the texts they wrote. Their id, acts and trust stay,
 * so every figure stays as it was. Carries no personal data itself.
 */
@Revision("1")
public record MemberErased(String communityId, String memberId) {
}
