package org.contributionledger.core.community;

public class ReciprocityThresholdOutOfRange extends SettingRuleViolation {

    public ReciprocityThresholdOutOfRange(String field, Number value, double largest) {
        super(field, field + " is " + value + "; it must be between 0 and " + CommunitySettingsLimits.plain(largest));
    }
}
