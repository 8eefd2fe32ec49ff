package org.contributionledger.core.community;

public class ReputationAlphaOutOfRange extends SettingRuleViolation {

    public ReputationAlphaOutOfRange(double alpha) {
        super("reputation.alpha", "reputation.alpha is " + alpha + "; it must be between "
                + CommunitySettingsLimits.plain(CommunitySettingsLimits.SMALLEST_ALPHA) + " and "
                + CommunitySettingsLimits.plain(CommunitySettingsLimits.LARGEST_ALPHA));
    }
}
