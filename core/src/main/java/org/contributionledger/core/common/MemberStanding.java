package org.contributionledger.core.common;

/**
 * A registered member as the write side sees it: only whether they may take part.
 *
 * @param mergedInto the member this one was merged into (the last of a chain of merges), or null
 */
public record MemberStanding(String communityId, String memberId, boolean active, boolean erased, String mergedInto) {

    /** A member who was never erased nor merged. */
    public MemberStanding(String communityId, String memberId, boolean active) {
        this(communityId, memberId, active, false, null);
    }

    /** A member who was never merged. */
    public MemberStanding(String communityId, String memberId, boolean active, boolean erased) {
        this(communityId, memberId, active, erased, null);
    }

    public boolean merged() {
        return mergedInto != null;
    }
}
