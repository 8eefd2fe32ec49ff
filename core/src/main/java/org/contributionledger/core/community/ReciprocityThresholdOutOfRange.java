package org.contributionledger.core.community;

public class ReciprocityThresholdOutOfRange extends SettingRuleViolation {

    public ReciprocityThresholdOutOfRange(String field, Number value, Number largest) {
        super(field, field + " is " + value + "; it must be between 0 and " + largest);
    }
}
