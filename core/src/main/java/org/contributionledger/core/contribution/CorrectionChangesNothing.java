package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

/** A correction must change the value or the category: the same figures again are no correction. */
public class CorrectionChangesNothing extends LedgerRuleViolation {

    public CorrectionChangesNothing(String contributionId) {
        super("The correction of contribution '" + contributionId + "' changes neither its value nor its category");
    }
}
