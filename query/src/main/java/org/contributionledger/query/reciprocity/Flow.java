package org.contributionledger.query.reciprocity;

import java.math.BigDecimal;

/** A number of acts and their summed value. */
public record Flow(long count, BigDecimal value) {

    public static final Flow NONE = new Flow(0, BigDecimal.ZERO);

    public Flow plus(long count, BigDecimal value) {
        return new Flow(this.count + count, this.value.add(value).stripTrailingZeros());
    }
}
