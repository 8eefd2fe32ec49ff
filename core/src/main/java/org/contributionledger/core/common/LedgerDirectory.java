package org.contributionledger.core.common;

import java.util.Optional;

/**
 * The set-based facts a command handler needs but that no single aggregate owns: does this
 * community exist and what are its rules, is this member registered and active, which member is a
 * platform's user linked to. It is backed by lookup tables that an event handler keeps in the same
 * transaction as the events, so a command sees every fact committed before it (and those of its own
 * batch), without loading other aggregates.
 */
public interface LedgerDirectory {

    Optional<CommunityRules> findCommunity(String communityId);

    Optional<MemberStanding> findMember(String communityId, String memberId);

    /** The member the platform's user (by the platform's stable user id) is linked to in the community. */
    Optional<String> findLinkedMember(String communityId, String platform, String platformUserId);
}
