package org.contributionledger.core.community;

public class CategoryWeightForUnknownCategory extends SettingRuleViolation {

    public CategoryWeightForUnknownCategory(String category) {
        super("reputation.categories." + category, "reputation.categories weighs '" + category
                + "', which is not one of the community's categories");
    }
}
