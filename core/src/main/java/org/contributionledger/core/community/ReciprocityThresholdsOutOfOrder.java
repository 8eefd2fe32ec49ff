package org.contributionledger.core.community;

public class ReciprocityThresholdsOutOfOrder extends SettingRuleViolation {

    public ReciprocityThresholdsOutOfOrder(double takerBelowRatio, double contributorAboveRatio) {
        super("reciprocity.contributorAboveRatio", "reciprocity.contributorAboveRatio (" + contributorAboveRatio
                + ") must not be below reciprocity.takerBelowRatio (" + takerBelowRatio + ")");
    }
}
