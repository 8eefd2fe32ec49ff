package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

/** A reversal takes back what counted: a pending or disputed act never did, and its recorder revokes it. */
public class OnlyConfirmedActMayBeReversed extends LedgerRuleViolation {

    public OnlyConfirmedActMayBeReversed(String contributionId, ContributionStatus status) {
        super("Contribution '" + contributionId + "' is " + status
                + "; only a CONFIRMED act is reversed (its recorder revokes a pending or disputed one)");
    }
}
