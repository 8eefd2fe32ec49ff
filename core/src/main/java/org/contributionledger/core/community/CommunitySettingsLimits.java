package org.contributionledger.core.community;

import java.math.BigDecimal;
import java.util.Map;

import org.contributionledger.core.community.CommunitySettings.ReciprocityThresholds;
import org.contributionledger.core.community.CommunitySettings.ReputationWeights;

/**
 * The ranges within which the reputation and reciprocity engines compute exactly, checked whenever a
 * community's settings are chosen (at creation and at every change), in this order, each with its own
 * rule. Outside them the engines would overflow, lose edges to underflow, or fail to converge:
 * <ul>
 *   <li>A weight is 0 or in [1e-6, 1e6]. One act then adds at most {@code 1e6 * 1e24 * 1e6 = 1e36}
 *       (gift weight × largest value per act × category weight) to an edge, and a trust declaration
 *       at most {@code 1e6 * 10}, so a member's summed out-weights stay finite for any number of acts
 *       a database can hold (a double overflows near 1.8e308). The smallest positive edge is
 *       {@code 1e-6 * 1e-6 * 1e-6 = 1e-18} (weights × the smallest value), far from underflow, so no
 *       tie silently vanishes. Scores depend only on the ratios of weights, which this range leaves
 *       wide open (up to 1e12).</li>
 *   <li>{@code alpha} is in [0.05, 0.95]. The iteration's change shrinks by {@code 1 - alpha} per
 *       step, so from a cold start it reaches the 1e-10 tolerance within {@code ln(2e10) / -ln(0.95)}
 *       ≈ 460 iterations, inside the engine's cap of 1,000; above 0.95 trust would decide less than 5 %
 *       of a score.</li>
 *   <li>Reciprocity ratios are finite, in [0, 1e6], and ordered; {@code minimumActs} is in [0, 1e6].
 *       They are stored as JSON, which has no infinity.</li>
 * </ul>
 * Events already stored with settings outside these ranges stay readable: the reputation engine
 * reports such a community as not computable until an admin corrects its settings.
 */
public final class CommunitySettingsLimits {

    public static final double SMALLEST_POSITIVE_WEIGHT = 1e-6;
    public static final double LARGEST_WEIGHT = 1e6;
    public static final double SMALLEST_ALPHA = 0.05;
    public static final double LARGEST_ALPHA = 0.95;
    public static final double LARGEST_RATIO = 1e6;
    public static final int MOST_MINIMUM_ACTS = 1_000_000;

    private CommunitySettingsLimits() {
    }

    /** A bound as people write it: 0.000001, not 1.0E-6. */
    static String plain(double bound) {
        return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
    }

    /** Throws the first rule the settings break, if any: the ones below, then consistency and reciprocity. */
    public static void check(CommunitySettings settings) {
        checkComputable(settings.reputation());
        for (String category : settings.reputation().categories().keySet()) {
            if (!settings.categories().contains(category)) {
                throw new CategoryWeightForUnknownCategory(category);
            }
        }
        ReciprocityThresholds reciprocity = settings.reciprocity();
        checkRatio("reciprocity.takerBelowRatio", reciprocity.takerBelowRatio());
        checkRatio("reciprocity.contributorAboveRatio", reciprocity.contributorAboveRatio());
        if (reciprocity.contributorAboveRatio() < reciprocity.takerBelowRatio()) {
            throw new ReciprocityThresholdsOutOfOrder(reciprocity.takerBelowRatio(), reciprocity.contributorAboveRatio());
        }
        int minimumActs = reciprocity.minimumActs();
        if (minimumActs < 0 || minimumActs > MOST_MINIMUM_ACTS) {
            throw new ReciprocityThresholdOutOfRange("reciprocity.minimumActs", minimumActs, MOST_MINIMUM_ACTS);
        }
    }

    /**
     * The rules without which the reputation engine cannot compute exactly: its weights and alpha.
     * The reputation projection applies these alone to settings stored before the limits existed.
     */
    public static void checkComputable(ReputationWeights reputation) {
        checkWeight("reputation.trust", reputation.trust());
        checkWeight("reputation.gift", reputation.gift());
        for (Map.Entry<String, Double> weight : reputation.categories().entrySet()) {
            checkWeight("reputation.categories." + weight.getKey(), weight.getValue());
        }
        double alpha = reputation.alpha();
        if (!(alpha >= SMALLEST_ALPHA && alpha <= LARGEST_ALPHA)) {
            throw new ReputationAlphaOutOfRange(alpha);
        }
    }

    private static void checkWeight(String field, double weight) {
        // Written so that NaN fails every comparison and is refused.
        if (!(weight == 0 || (weight >= SMALLEST_POSITIVE_WEIGHT && weight <= LARGEST_WEIGHT))) {
            throw new ReputationWeightOutOfRange(field, weight);
        }
    }

    private static void checkRatio(String field, double ratio) {
        if (!(ratio >= 0 && ratio <= LARGEST_RATIO)) {
            throw new ReciprocityThresholdOutOfRange(field, ratio, LARGEST_RATIO);
        }
    }
}
