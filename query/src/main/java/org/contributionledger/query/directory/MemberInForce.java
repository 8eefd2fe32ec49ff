package org.contributionledger.query.directory;

/**
 * The member a platform's user acts as now. An identity stays with the member it was linked to
 * (its events say so) even when that member is merged away; what the user does afterwards is the
 * kept member's, the last of a chain of merges.
 *
 * @param identity the link as stored, to the member it was linked to
 * @param memberId the member in force: the linked member, or the member it was merged into
 * @param erased   the linked member or the member in force is erased: the user acts as no one
 */
public record MemberInForce(LinkedIdentity identity, String memberId, boolean erased) {

    /** The identity's own member was merged into another. */
    public boolean merged() {
        return !memberId.equals(identity.memberId());
    }
}
