package org.contributionledger.core.community;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.contributionledger.core.common.Ids;

/**
 * Everything a community decides for itself. Every field has a default, so a platform can create
 * a community with a name alone. The ranges the engines need are rules of
 * {@link CommunitySettingsLimits}, checked when settings are chosen (created or changed).
 *
 * @param categories           kinds of acts the community recognises, e.g. {@code help}, {@code referral}
 * @param preTrustedMembers    members whose judgement seeds reputation (EigenTrust's pre-trusted peers);
 *                             empty means every active member seeds it equally
 * @param maxValuePerAct       the largest value one act may carry
 * @param confirmationRequired whether an act recorded by its giver waits for the receiver's confirmation
 * @param reciprocity          thresholds that turn a give/receive ratio into a role
 * @param reputation           weights of the reputation model
 * @param registerUnknownIdentities whether a platform's user no member is linked to yet is registered as a
 *                             new member {@code <platform>:<login>} when a webhook names them (default true);
 *                             false leaves them unresolved until an identity is linked by hand
 */
public record CommunitySettings(List<String> categories, List<String> preTrustedMembers, BigDecimal maxValuePerAct,
                                Boolean confirmationRequired, ReciprocityThresholds reciprocity,
                                ReputationWeights reputation, Boolean registerUnknownIdentities) {

    public static final List<String> DEFAULT_CATEGORIES =
            List.of("help", "introduction", "referral", "advice", "endorsement");
    public static final BigDecimal DEFAULT_MAX_VALUE_PER_ACT = new BigDecimal("1000");

    /** Bounds that keep a community's settings storable and readable; far above any real community's needs. */
    public static final int MAX_CATEGORIES = 50;
    public static final int MAX_PRE_TRUSTED_MEMBERS = 500;
    public static final BigDecimal LARGEST_MAX_VALUE_PER_ACT = new BigDecimal("1e24");

    public CommunitySettings {
        categories = categories == null || categories.isEmpty() ? DEFAULT_CATEGORIES : ids(categories, "categories");
        if (categories.size() > MAX_CATEGORIES) {
            throw new IllegalArgumentException("a community has at most " + MAX_CATEGORIES + " categories");
        }
        if (categories.stream().distinct().count() != categories.size()) {
            throw new IllegalArgumentException("categories must not repeat");
        }
        preTrustedMembers = preTrustedMembers == null ? List.of() : ids(preTrustedMembers, "preTrustedMembers");
        if (preTrustedMembers.size() > MAX_PRE_TRUSTED_MEMBERS) {
            throw new IllegalArgumentException("a community names at most " + MAX_PRE_TRUSTED_MEMBERS
                    + " pre-trusted members");
        }
        maxValuePerAct = maxValuePerAct == null ? DEFAULT_MAX_VALUE_PER_ACT : maxValuePerAct;
        if (maxValuePerAct.signum() <= 0 || maxValuePerAct.compareTo(LARGEST_MAX_VALUE_PER_ACT) > 0
                || maxValuePerAct.stripTrailingZeros().scale() > 6) {
            throw new IllegalArgumentException("maxValuePerAct must be greater than 0, at most 1e24, with at most 6 decimals");
        }
        confirmationRequired = confirmationRequired == null ? Boolean.TRUE : confirmationRequired;
        reciprocity = reciprocity == null ? ReciprocityThresholds.DEFAULT : reciprocity;
        reputation = reputation == null ? ReputationWeights.DEFAULT : reputation;
        // Settings stored before the setting existed read back as null: they meant the default.
        registerUnknownIdentities = registerUnknownIdentities == null ? Boolean.TRUE : registerUnknownIdentities;
    }

    /** The settings of the ledger before platform identities existed, with that setting at its default. */
    public CommunitySettings(List<String> categories, List<String> preTrustedMembers, BigDecimal maxValuePerAct,
                             Boolean confirmationRequired, ReciprocityThresholds reciprocity,
                             ReputationWeights reputation) {
        this(categories, preTrustedMembers, maxValuePerAct, confirmationRequired, reciprocity, reputation, null);
    }

    /** Checks every id (nulls included, which {@link List#copyOf} would turn into a bare NullPointerException). */
    private static List<String> ids(List<String> values, String field) {
        values.forEach(value -> Ids.require(value, field));
        return List.copyOf(values);
    }

    public static CommunitySettings defaults() {
        return new CommunitySettings(null, null, null, null, null, null, null);
    }

    /**
     * When a member counts as a taker or a contributor, from the ratio of value given to value received.
     * A member who gives less than {@code takerBelowRatio} times what they receive is a taker; more than
     * {@code contributorAboveRatio} times, a contributor; anything in between is balanced. A member with
     * fewer than {@code minimumActs} confirmed acts is balanced: too little history to judge.
     */
    public record ReciprocityThresholds(Double takerBelowRatio, Double contributorAboveRatio, Integer minimumActs) {

        public static final ReciprocityThresholds DEFAULT = new ReciprocityThresholds(0.5, 2.0, 1);

        /**
         * Fills defaults only. The ranges are rules of {@link CommunitySettingsLimits}, checked when
         * settings are chosen, not here: this constructor also runs when stored events are read back,
         * and history must stay readable whatever a past version accepted.
         */
        public ReciprocityThresholds {
            takerBelowRatio = takerBelowRatio == null ? 0.5 : takerBelowRatio;
            contributorAboveRatio = contributorAboveRatio == null ? 2.0 : contributorAboveRatio;
            minimumActs = minimumActs == null ? 1 : minimumActs;
        }
    }

    /**
     * Weights of local trust {@code s_ij = trust * max(level, 0) + gift * value * categories[c]}, and the
     * teleport probability {@code alpha} of the influence iteration.
     */
    public record ReputationWeights(Double trust, Double gift, Map<String, Double> categories, Double alpha) {

        public static final ReputationWeights DEFAULT = new ReputationWeights(1.0, 1.0, Map.of(), 0.15);

        /** Fills defaults only; the ranges are rules of {@link CommunitySettingsLimits} (see {@link ReciprocityThresholds}). */
        public ReputationWeights {
            trust = trust == null ? 1.0 : trust;
            gift = gift == null ? 1.0 : gift;
            if (categories != null && categories.values().stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("reputation.categories weights must be numbers");
            }
            categories = categories == null ? Map.of() : Map.copyOf(categories);
            alpha = alpha == null ? 0.15 : alpha;
        }

        public double categoryWeight(String category) {
            return categories.getOrDefault(category, 1.0);
        }
    }
}
