package org.contributionledger.core.common;

import java.math.BigDecimal;
import java.util.Set;

/** What the write side must know of a community to check an act or a trust declaration. */
public record CommunityRules(String communityId, Set<String> categories, BigDecimal maxValuePerAct,
                             boolean confirmationRequired) {

    public CommunityRules {
        categories = Set.copyOf(categories);
    }
}
