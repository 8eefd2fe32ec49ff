package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

/** A correction is proposed by whoever recorded the act, as the act itself was. */
public class OnlyRecorderMayCorrect extends LedgerRuleViolation {

    public OnlyRecorderMayCorrect(String contributionId, String by) {
        super("Only the member who recorded contribution '" + contributionId + "' may correct it, not '" + by + "'");
    }
}
