package org.contributionledger.query.reciprocity;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.annotation.JsonValue;

import org.contributionledger.core.community.CommunitySettings.ReciprocityThresholds;

/**
 * What a member's give and take says about them. Documented in the README: with fewer than
 * {@code minimumActs} confirmed acts a member is {@code balanced} (too little to judge); someone
 * who only gives is a {@code contributor} and someone who only takes a {@code taker}; otherwise the
 * ratio given / received decides against the community's thresholds.
 */
public enum Role {
    CONTRIBUTOR, BALANCED, TAKER;

    public static Role of(Flow given, Flow received, ReciprocityThresholds thresholds) {
        if (given.count() + received.count() < thresholds.minimumActs()) {
            return BALANCED;
        }
        if (received.value().signum() == 0) {
            return given.value().signum() > 0 ? CONTRIBUTOR : BALANCED;
        }
        if (given.value().signum() == 0) {
            return TAKER; // received something, gave nothing: a taker whatever the thresholds
        }
        double ratio = ratio(given, received);
        if (ratio < thresholds.takerBelowRatio()) {
            return TAKER;
        }
        return ratio > thresholds.contributorAboveRatio() ? CONTRIBUTOR : BALANCED;
    }

    /** Given value over received value, or null when nothing was received (the ratio is unbounded). */
    public static Double ratio(Flow given, Flow received) {
        if (received.value().signum() == 0) {
            return null;
        }
        return given.value().divide(received.value(), 6, RoundingMode.HALF_EVEN).doubleValue();
    }

    @JsonValue
    public String label() {
        return name().toLowerCase();
    }

    public static BigDecimal balance(Flow given, Flow received) {
        return given.value().subtract(received.value()).stripTrailingZeros();
    }
}
