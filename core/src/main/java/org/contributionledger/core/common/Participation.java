package org.contributionledger.core.common;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
        if (member.merged()) {
            throw new MemberWasMerged(communityId, memberId, member.mergedInto());
        }
        if (!member.active()) {
            throw new MemberNotActive(communityId, memberId);
        }
    }

    /**
     * The member, when registered, was neither erased nor merged away. An erased member can no longer
     * act at all, not even on acts they took part in: nothing they write could be stored readable
     * again. A merged-away member cannot either: the member they were merged into acts for them.
     */
    public static void requireNotErasedOrMerged(LedgerDirectory directory, String communityId, String memberId) {
        Optional<MemberStanding> member = directory.findMember(communityId, memberId);
        if (member.map(MemberStanding::erased).orElse(false)) {
            throw new MemberWasErased(communityId, memberId);
        }
        requireNotMerged(member);
    }

    /** The member, when registered, was not merged away: nobody can trust, or stop trusting, a name that is gone. */
    public static void requireNotMerged(LedgerDirectory directory, String communityId, String memberId) {
        requireNotMerged(directory.findMember(communityId, memberId));
    }

    private static void requireNotMerged(Optional<MemberStanding> member) {
        if (member.isPresent() && member.get().merged()) {
            throw new MemberWasMerged(member.get().communityId(), member.get().memberId(), member.get().mergedInto());
        }
    }

    /** {@code receivedAt} is stamped by the API when the request arrives, so aggregates never read a clock. */
    public static void requireNotInFuture(String field, Instant at, Instant receivedAt) {
        if (at.isAfter(receivedAt.plus(CLOCK_SKEW))) {
            throw new OccurredInFuture(field, at, receivedAt);
        }
    }
}
