package org.contributionledger.core.contribution;

import java.math.BigDecimal;

import org.contributionledger.core.common.LedgerRuleViolation;

public class ValueOutOfRange extends LedgerRuleViolation {

    public ValueOutOfRange(BigDecimal value, BigDecimal max) {
        super("value " + value.toPlainString() + " must be greater than 0, at most " + max.toPlainString()
                + ", with at most " + Contribution.MAX_VALUE_DECIMALS + " decimals");
    }
}
