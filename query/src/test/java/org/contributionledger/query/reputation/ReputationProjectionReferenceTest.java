package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares the reputation's answers, after replaying each scenario's events, with the
 * figures an independent implementation (networkx, see src/test/python/make_projection_reference.py)
 * computed for the same events. Scores agree within 1e-9: the engine stops at an L1 change of 1e-10,
 * which bounds its error by about 6e-10.
 */
class ReputationProjectionReferenceTest {

    private static final double SCORE_TOLERANCE = 1e-9;
    private static final double EXACT = 1e-12;

    static List<String> scenarios() {
        return ReputationScenario.names();
    }

    private static MemberReputation reputation(StandaloneReputation village, String member) {
        return village.queries().handle(new FindReputation(ReputationScenario.COMMUNITY, member, 100)).orElseThrow();
    }

    /** Score, relative score, and rank and percentile where the script could tell them apart from ties. */
    private static void assertInfluence(Influence actual, JsonNode expected, String what) {
        assertThat(actual.score()).as("%s score", what).isCloseTo(expected.path("score").asDouble(), within(SCORE_TOLERANCE));
        assertThat(actual.relativeScore()).as("%s relative score", what)
                .isCloseTo(expected.path("relativeScore").asDouble(), within(10 * SCORE_TOLERANCE));
        if (!expected.path("rank").isNull()) {
            assertThat(actual.rank()).as("%s rank", what).isEqualTo(expected.path("rank").asInt());
            assertThat(actual.percentile()).as("%s percentile", what)
                    .isCloseTo(expected.path("percentile").asDouble(), within(EXACT));
        }
    }

    private static void assertOverallInfluence(ReputationScenario scenario) {
        StandaloneReputation village = scenario.replay();
        JsonNode overall = scenario.expected().path("overall");
        for (String member : scenario.members()) {
            assertInfluence(reputation(village, member).influence(), overall.path(member),
                    scenario + " " + member);
        }
    }

    private static Double nullableDouble(JsonNode node) {
        return node.isNull() ? null : node.asDouble();
    }

    // ---- overall influence ----

    @Test
    void overallInfluenceWithTrustAloneIsThePageRankOfThePositiveTrustGraph() {
        assertOverallInfluence(ReputationScenario.named("trust-only"));
    }

    @Test
    void trustAndConfirmedGiftsAddUpWithEachGiftAnEdgeFromReceiverToGiver() {
        assertOverallInfluence(ReputationScenario.named("trust-and-gifts"));
    }

    @Test
    void customWeightsScaleTrustGiftsAndCategoriesAndAlphaIsTheTeleportShare() {
        ReputationScenario scenario = ReputationScenario.named("weighted");
        assertThat(scenario.alpha()).isEqualTo(0.2);

        assertOverallInfluence(scenario);
    }

    @Test
    void preTrustedMembersWhoAreRegisteredAndActiveReceiveTheWholeTeleportMass() {
        ReputationScenario scenario = ReputationScenario.named("pre-trusted");
        assertThat(scenario.settings().preTrustedMembers()).containsExactly("alice", "carol", "dave", "ghost");
        assertThat(scenario.expected().path("teleport").path("dave").asDouble()).as("dave is suspended").isZero();

        assertOverallInfluence(scenario);
        StandaloneReputation village = scenario.replay();
        assertThat(reputation(village, "frank").scoreParts().fromTeleport()).isZero();
        assertThat(reputation(village, "alice").scoreParts().fromTeleport())
                .isCloseTo(scenario.alpha() / 2, within(EXACT));
    }

    @Test
    void suspendedMembersGetNoTeleportMassButTheirTrustStillFlows() {
        ReputationScenario scenario = ReputationScenario.named("suspended");
        assertOverallInfluence(scenario);

        StandaloneReputation village = scenario.replay();
        MemberReputation frank = reputation(village, "frank");
        assertThat(frank.influence().score()).as("nobody trusts frank, and he is suspended").isZero();
        assertThat(frank.scoreParts().fromTeleport()).isZero();
        assertThat(reputation(village, "bob").scoreParts().fromTeleport()).as("bob was reinstated")
                .isCloseTo(scenario.alpha() / 6, within(EXACT));
    }

    @Test
    void negativeTrustPassesNoInfluenceButCountsAsDistrustReceived() {
        ReputationScenario trustOnly = ReputationScenario.named("trust-only");
        MemberReputation dave = reputation(trustOnly.replay(), "dave");
        assertThat(dave.character().distrustReceived()).isEqualTo(1);
        assertThat(dave.topSources()).extracting(MemberReputation.InfluenceSource::memberId)
                .as("carol distrusts dave").containsExactly("erin");

        ReputationScenario gifts = ReputationScenario.named("trust-and-gifts");
        MemberReputation alice = reputation(gifts.replay(), "alice");
        assertThat(alice.character().distrustReceived()).as("dave distrusts alice overall").isEqualTo(1);
        assertThat(alice.topSources()).extracting(MemberReputation.InfluenceSource::memberId).doesNotContain("dave");
        assertThat(alice.byCategory().get("help").score())
                .as("yet trusts her for help")
                .isCloseTo(gifts.expected().path("byCategory").path("help").path("alice").path("score").asDouble(),
                        within(SCORE_TOLERANCE));
    }

    // ---- per category ----

    @ParameterizedTest
    @MethodSource("scenarios")
    void influencePerCategoryUsesThatCategorysTrustOrElseTrustForAllAndThatCategorysGifts(String name) {
        ReputationScenario scenario = ReputationScenario.named(name);
        StandaloneReputation village = scenario.replay();
        JsonNode byCategory = scenario.expected().path("byCategory");
        List<String> categories = new ArrayList<>();
        byCategory.fieldNames().forEachRemaining(categories::add);

        for (String member : scenario.members()) {
            Map<String, MemberReputation.CategoryInfluence> actual = reputation(village, member).byCategory();
            assertThat(actual.keySet()).as("%s categories", name).containsExactlyInAnyOrderElementsOf(categories);
            for (String category : categories) {
                MemberReputation.CategoryInfluence influence = actual.get(category);
                if (!influence.hasData()) {
                    // Only trust for all categories reaches it: no figures rather than a copy of that trust.
                    assertThat(influence.score()).as("%s %s in %s", name, member, category).isNull();
                    assertThat(influence.rank()).isNull();
                    continue;
                }
                assertInfluence(new Influence(influence.score(), influence.relativeScore(), influence.rank(),
                        influence.percentile()), byCategory.path(category).path(member),
                        name + " " + member + " in " + category);
            }
        }
    }

    // ---- personalized influence ----

    @ParameterizedTest
    @MethodSource("scenarios")
    void influencersArePersonalizedPageRankFromTheMemberLeavingOutThemAndMembersOutOfReach(String name) {
        ReputationScenario scenario = ReputationScenario.named(name);
        StandaloneReputation village = scenario.replay();

        for (JsonNode expected : scenario.expected().path("influencers")) {
            String member = expected.path("member").asText();
            String category = expected.path("category").isNull() ? null : expected.path("category").asText();
            List<String> order = new ArrayList<>();
            expected.path("order").forEach(id -> order.add(id.asText()));
            String what = name + " influencers of " + member + " in " + (category == null ? "all" : category);

            Influencers all = village.queries().handle(new FindInfluencers(ReputationScenario.COMMUNITY, member, category,
                    1000)).orElseThrow();

            assertThat(all.memberId()).isEqualTo(member);
            assertThat(all.category()).isEqualTo(category);
            assertThat(all.entries()).extracting(Leaderboard.Entry::memberId).as(what).containsExactlyElementsOf(order);
            for (Leaderboard.Entry entry : all.entries()) {
                assertThat(entry.score()).as("%s: %s", what, entry.memberId())
                        .isCloseTo(expected.path("scores").path(entry.memberId()).asDouble(), within(SCORE_TOLERANCE));
            }
            assertThat(all.entries()).extracting(Leaderboard.Entry::rank).isSorted().doesNotHaveDuplicates();

            if (order.size() > 1) {
                Influencers top = village.queries().handle(new FindInfluencers(ReputationScenario.COMMUNITY, member, category,
                        order.size() - 1)).orElseThrow();
                assertThat(top.entries()).extracting(Leaderboard.Entry::memberId).as(what + ", limited")
                        .containsExactlyElementsOf(order.subList(0, order.size() - 1));
            }
        }
    }

    // ---- network stats ----

    private static void assertTies(NetworkStats.Ties actual, JsonNode expected, String what) {
        assertThat(actual.allTies()).as("%s ties", what).isEqualTo(expected.path("ties").asLong());
        assertThat(actual.positiveTies()).as("%s positive", what).isEqualTo(expected.path("positive").asLong());
        assertThat(actual.negativeTies()).as("%s negative", what).isEqualTo(expected.path("negative").asLong());
        assertThat(actual.mutualPairs()).as("%s mutual pairs", what).isEqualTo(expected.path("mutualPairs").asLong());
        Double edgewise = nullableDouble(expected.path("edgewiseReciprocity"));
        Double rho = nullableDouble(expected.path("garlaschelliLoffredoReciprocity"));
        if (edgewise == null) {
            assertThat(actual.edgewiseReciprocity()).as("%s edgewise reciprocity", what).isNull();
            assertThat(actual.garlaschelliLoffredoReciprocity()).as("%s rho", what).isNull();
        } else {
            assertThat(actual.edgewiseReciprocity()).as("%s edgewise reciprocity", what).isCloseTo(edgewise, within(EXACT));
            assertThat(actual.garlaschelliLoffredoReciprocity()).as("%s rho", what).isCloseTo(rho, within(EXACT));
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void networkStatsMatchNetworkxReciprocityDensityAndTheGiniOfGivenValue(String name) {
        ReputationScenario scenario = ReputationScenario.named(name);
        JsonNode expected = scenario.expected().path("networkStats");

        NetworkStats stats = scenario.replay().queries().handle(new FindNetworkStats(ReputationScenario.COMMUNITY)).orElseThrow();

        assertTies(stats.trust(), expected.path("trust"), name + " trust");
        assertTies(stats.giving(), expected.path("giving"), name + " giving");
        assertThat(stats.giniOfGivenValue()).as(name + " gini")
                .isCloseTo(expected.path("giniOfGivenValue").asDouble(), within(EXACT));
    }

    // ---- breadth, reach, character ----

    @ParameterizedTest
    @MethodSource("scenarios")
    void breadthCountsPartnersAndCategoriesAndTheShannonDiversityOfValueExchanged(String name) {
        ReputationScenario scenario = ReputationScenario.named(name);
        StandaloneReputation village = scenario.replay();

        for (String member : scenario.members()) {
            JsonNode expected = scenario.expected().path("memberFigures").path(member).path("breadth");
            List<String> categories = new ArrayList<>();
            expected.path("categories").forEach(category -> categories.add(category.asText()));

            MemberReputation.Breadth breadth = reputation(village, member).breadth();

            String what = name + " " + member;
            assertThat(breadth.givenTo()).as("%s given to", what).isEqualTo(expected.path("givenTo").asInt());
            assertThat(breadth.receivedFrom()).as("%s received from", what).isEqualTo(expected.path("receivedFrom").asInt());
            assertThat(breadth.partners()).as("%s partners", what).isEqualTo(expected.path("partners").asInt());
            assertThat(breadth.categories()).as("%s categories", what).containsExactlyInAnyOrderElementsOf(categories);
            assertThat(breadth.partnerDiversity()).as("%s diversity", what)
                    .isCloseTo(expected.path("partnerDiversity").asDouble(), within(EXACT));
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void breadthListsCategoriesInNameOrder(String name) {
        ReputationScenario scenario = ReputationScenario.named(name);
        StandaloneReputation village = scenario.replay();

        for (String member : scenario.members()) {
            assertThat(reputation(village, member).breadth().categories()).as("%s %s", name, member).isSorted();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void reachCountsDistinctMembersWithinTwoHopsOverActsAndPositiveTrustEitherWay(String name) {
        ReputationScenario scenario = ReputationScenario.named(name);
        StandaloneReputation village = scenario.replay();

        for (String member : scenario.members()) {
            int expected = scenario.expected().path("memberFigures").path(member).path("reach").asInt();
            assertThat(reputation(village, member).reach()).as("%s %s", name, member).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void characterIsTheShareOfPositiveTiesReturnedAndNullForMembersWhoTrustNobody(String name) {
        ReputationScenario scenario = ReputationScenario.named(name);
        StandaloneReputation village = scenario.replay();

        for (String member : scenario.members()) {
            JsonNode expected = scenario.expected().path("memberFigures").path(member).path("character");
            MemberReputation.TrustCharacter character = reputation(village, member).character();

            String what = name + " " + member;
            Double reciprocated = nullableDouble(expected.path("reciprocatedTrust"));
            if (reciprocated == null) {
                assertThat(character.reciprocatedTrust()).as("%s trusts nobody", what).isNull();
            } else {
                assertThat(character.reciprocatedTrust()).as(what).isCloseTo(reciprocated, within(EXACT));
            }
            assertThat(character.trusts()).as("%s trusts", what).isEqualTo(expected.path("trusts").asInt());
            assertThat(character.trustedBy()).as("%s trusted by", what).isEqualTo(expected.path("trustedBy").asInt());
            assertThat(character.distrustReceived()).as("%s distrust received", what)
                    .isEqualTo(expected.path("distrustReceived").asInt());
        }
    }

    @Test
    void characterOfAMemberWhoTrustsNobodyIsNull() {
        ReputationScenario scenario = ReputationScenario.named("trust-only");

        MemberReputation grace = reputation(scenario.replay(), "grace");

        assertThat(grace.character().reciprocatedTrust()).isNull();
        assertThat(grace.character().trusts()).isZero();
    }

    // ---- explanation ----

    @ParameterizedTest
    @MethodSource("scenarios")
    void topSourcesAndScorePartsMatchTheContributionsComputedFromNetworkxScores(String name) {
        ReputationScenario scenario = ReputationScenario.named(name);
        StandaloneReputation village = scenario.replay();
        JsonNode explanations = scenario.expected().path("explanations");

        explanations.fieldNames().forEachRemaining(member -> {
            JsonNode expected = explanations.path(member);
            MemberReputation reputation = reputation(village, member);
            String what = name + " " + member;

            List<String> order = new ArrayList<>();
            expected.path("topSources").forEach(source -> order.add(source.path("member").asText()));
            assertThat(reputation.topSources()).extracting(MemberReputation.InfluenceSource::memberId).as(what)
                    .containsExactlyElementsOf(order);
            for (int k = 0; k < order.size(); k++) {
                MemberReputation.InfluenceSource source = reputation.topSources().get(k);
                JsonNode reference = expected.path("topSources").get(k);
                assertThat(source.contribution()).as("%s from %s", what, source.memberId())
                        .isCloseTo(reference.path("contribution").asDouble(), within(SCORE_TOLERANCE));
                assertThat(source.trustShare()).isCloseTo(reference.path("trustShare").asDouble(), within(EXACT));
                assertThat(source.sourceScore()).isCloseTo(reference.path("sourceScore").asDouble(),
                        within(SCORE_TOLERANCE));
            }
            MemberReputation.ScoreParts parts = reputation.scoreParts();
            assertThat(parts.fromMembers()).as("%s from members", what)
                    .isCloseTo(expected.path("fromMembers").asDouble(), within(SCORE_TOLERANCE));
            assertThat(parts.fromMembersWhoTrustNobody()).as("%s from dangling members", what)
                    .isCloseTo(expected.path("fromMembersWhoTrustNobody").asDouble(), within(SCORE_TOLERANCE));
            assertThat(parts.fromTeleport()).as("%s from teleport", what)
                    .isCloseTo(expected.path("fromTeleport").asDouble(), within(EXACT));
        });
    }
}
