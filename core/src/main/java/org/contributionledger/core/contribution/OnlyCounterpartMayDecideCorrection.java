package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

/** The other side of the act, not the one who proposed the correction, accepts or rejects it. */
public class OnlyCounterpartMayDecideCorrection extends LedgerRuleViolation {

    public OnlyCounterpartMayDecideCorrection(String contributionId, String by) {
        super("Only the other side of contribution '" + contributionId + "' may accept or reject its correction, not '" + by + "'");
    }
}
