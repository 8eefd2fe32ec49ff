package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

/** Only a confirmed act is corrected; a pending or disputed one is revoked and recorded again, a revoked one is final. */
public class OnlyConfirmedActMayBeCorrected extends LedgerRuleViolation {

    public OnlyConfirmedActMayBeCorrected(String contributionId, ContributionStatus status) {
        super("Contribution '" + contributionId + "' is " + status + "; only a CONFIRMED act is corrected (revoke a pending one and record it again)");
    }
}
