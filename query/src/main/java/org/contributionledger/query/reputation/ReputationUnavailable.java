package org.contributionledger.query.reputation;

/**
 * The community's reputation cannot be computed now (the ledger's side, not the caller's): its
 * other views and every other community are unaffected. Carries no cause, so that it is what an
 * error mapper finds when it looks for the innermost failure.
 */
public class ReputationUnavailable extends RuntimeException {

    private final String communityId;

    public ReputationUnavailable(String communityId, String reason) {
        super("The reputation of community '" + communityId + "' cannot be computed: " + reason
                + ". Its other views and every other community are unaffected; it is retried with back-off, and at"
                + " once when an admin changes its settings (PUT /api/v1/communities/" + communityId + "/settings).");
        this.communityId = communityId;
    }

    public String communityId() {
        return communityId;
    }
}
