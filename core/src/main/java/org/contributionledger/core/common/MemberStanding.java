package org.contributionledger.core.common;

/** A registered member as the write side sees it: only whether they may take part. */
public record MemberStanding(String communityId, String memberId, boolean active, boolean erased) {

    /** A member who was never erased. */
    public MemberStanding(String communityId, String memberId, boolean active) {
        this(communityId, memberId, active, false);
    }
}
