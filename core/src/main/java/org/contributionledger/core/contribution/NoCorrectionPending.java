package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

/** Accepting or rejecting needs a pending correction. */
public class NoCorrectionPending extends LedgerRuleViolation {

    public NoCorrectionPending(String contributionId) {
        super("No correction of contribution '" + contributionId + "' is pending");
    }
}
