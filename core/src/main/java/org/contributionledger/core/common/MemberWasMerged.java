package org.contributionledger.core.common;

/**
 * A merged-away member is gone for good: they can no longer act, be trusted, be merged again or
 * take a merge in; the member they were merged into acts for them.
 */
public class MemberWasMerged extends LedgerRuleViolation {

    private final String mergedInto;

    public MemberWasMerged(String communityId, String memberId, String mergedInto) {
        super("Member '" + memberId + "' of community '" + communityId + "' was merged into '" + mergedInto
                + "': use '" + mergedInto + "' instead");
        this.mergedInto = mergedInto;
    }

    /** The member who stayed, and acts for the merged one. */
    public String mergedInto() {
        return mergedInto;
    }
}
