package org.contributionledger.core.community;

public class ReputationWeightOutOfRange extends SettingRuleViolation {

    public ReputationWeightOutOfRange(String field, double weight) {
        super(field, field + " is " + weight + "; a reputation weight must be 0, or between "
                + CommunitySettingsLimits.plain(CommunitySettingsLimits.SMALLEST_POSITIVE_WEIGHT) + " and "
                + CommunitySettingsLimits.plain(CommunitySettingsLimits.LARGEST_WEIGHT));
    }
}
