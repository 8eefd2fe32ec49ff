package org.contributionledger.core.common;

import java.time.Duration;
import java.time.Instant;

/**
 * Rules shared by every act between two members (contributions and trust): both must be
 * registered and active in the community, and what happened cannot be in the future.
 */
public final class Participation {

    /** Platforms' clocks drift; five minutes ahead of the ledger's clock is still "now". */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private Participation() {
    }

    public static CommunityRules requireCommunity(LedgerDirectory directory, String communityId) {
        return directory.findCommunity(communityId).orElseThrow(() -> new UnknownCommunity(communityId));
    }

    /** The member is registered in the community, whatever their standing. */
    public static void requireMember(LedgerDirectory directory, String communityId, String memberId) {
        directory.findMember(communityId, memberId).orElseThrow(() -> new UnknownMember(communityId, memberId));
    }

    public static void requireActiveMember(LedgerDirectory directory, String communityId, String memberId) {
        MemberStanding member = directory.findMember(communityId, memberId)
                .orElseThrow(() -> new UnknownMember(communityId, memberId));
        if (member.erased()) {
            throw new MemberWasErased(communityId, memberId);
        }
        if (!member.active()) {
            throw new MemberNotActive(communityId, memberId);
        }
    }

    /**
     * The member, when registered, was not erased. An erased member can no longer act at all, not
     * even on acts they took part in: nothing they write could be stored readable again.
     */
    public static void requireNotErased(LedgerDirectory directory, String communityId, String memberId) {
        if (directory.findMember(communityId, memberId).map(MemberStanding::erased).orElse(false)) {
            throw new MemberWasErased(communityId, memberId);
        }
    }

    /** {@code receivedAt} is stamped by the API when the request arrives, so aggregates never read a clock. */
    public static void requireNotInFuture(String field, Instant at, Instant receivedAt) {
        if (at.isAfter(receivedAt.plus(CLOCK_SKEW))) {
            throw new OccurredInFuture(field, at, receivedAt);
        }
    }
}
