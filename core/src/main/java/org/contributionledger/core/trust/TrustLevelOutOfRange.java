package org.contributionledger.core.trust;

import org.contributionledger.core.common.LedgerRuleViolation;

public class TrustLevelOutOfRange extends LedgerRuleViolation {

    public TrustLevelOutOfRange(int level) {
        super("level " + level + " must be between " + Trust.MIN_LEVEL + " and " + Trust.MAX_LEVEL);
    }
}
