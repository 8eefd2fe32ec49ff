package org.contributionledger.query.reputation;

import org.contributionledger.core.common.LedgerRuleViolation;

/**
 * A sphere number the community's current partition does not have: spheres are numbered 1 to the
 * number of spheres, and the numbering follows the network as it changes.
 */
public class UnknownSphere extends LedgerRuleViolation {

    public UnknownSphere(String communityId, int sphere, int sphereCount) {
        super("Community '" + communityId + "' has no sphere " + sphere + ": its spheres are numbered 1 to "
                + sphereCount + (sphereCount == 0 ? " (none yet: no member has a tie)" : "")
                + "; GET /api/v1/communities/" + communityId + "/spheres lists them");
    }
}
