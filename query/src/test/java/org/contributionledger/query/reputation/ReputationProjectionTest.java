package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.contributionledger.query.reputation.ReputationScenario.COMMUNITY;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberProfileUpdated;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.trust.TrustDeclared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the reputation's answers that need no reference figures: scores sum to
 * one, pages and ranks fit together, explanations add up, and answers say how fresh they are.
 */
class ReputationProjectionTest {

    static List<String> scenarios() {
        return ReputationScenario.names();
    }

    private static MemberReputation reputation(StandaloneReputation village, String member, int topSources) {
        return village.queries().handle(new FindReputation(COMMUNITY, member, topSources)).orElseThrow();
    }

    private static Leaderboard leaderboard(StandaloneReputation village, String category, int limit, int offset) {
        return village.queries().handle(new FindLeaderboard(COMMUNITY, category, limit, offset)).orElseThrow();
    }

    // ---- scores ----

    @ParameterizedTest
    @MethodSource("scenarios")
    void scoresSumToOneOverAllMembersOverallAndInEveryCategory(String name) {
        ReputationScenario scenario = ReputationScenario.named(name);
        StandaloneReputation village = scenario.replay();
        List<String> members = scenario.members();

        double overall = 0;
        Map<String, Double> byCategory = new HashMap<>();
        for (String member : members) {
            MemberReputation reputation = reputation(village, member, 0);
            overall += reputation.influence().score();
            assertThat(reputation.influence().relativeScore())
                    .isCloseTo(reputation.influence().score() * members.size(), within(1e-12));
            reputation.byCategory().forEach((category, influence) -> {
                if (influence.hasData()) {
                    byCategory.merge(category, influence.score(), Double::sum);
                }
            });
        }

        assertThat(overall).isCloseTo(1.0, within(1e-9));
        // A scenario with trust for all categories only has no category with data of its own.
        byCategory.forEach((category, sum) -> assertThat(sum).as(category).isCloseTo(1.0, within(1e-9)));
    }

    // ---- leaderboard ----

    @Test
    void leaderboardPagesCoverEveryMemberOnceWithRanksOneToN() {
        ReputationScenario scenario = ReputationScenario.named("trust-and-gifts");
        StandaloneReputation village = scenario.replay();
        int n = scenario.members().size();

        List<Leaderboard.Entry> paged = new ArrayList<>();
        for (int offset = 0; offset < n + 2; offset += 4) {
            Leaderboard page = leaderboard(village, null, 4, offset);
            assertThat(page.total()).isEqualTo(n);
            assertThat(page.entries()).hasSizeLessThanOrEqualTo(4);
            paged.addAll(page.entries());
        }
        Leaderboard whole = leaderboard(village, null, FindLeaderboard.MAX_LIMIT, 0);

        assertThat(paged).containsExactlyElementsOf(whole.entries());
        assertThat(whole.entries()).extracting(Leaderboard.Entry::rank)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, n).boxed().toList());
        assertThat(whole.entries()).extracting(Leaderboard.Entry::memberId)
                .containsExactlyInAnyOrderElementsOf(scenario.members());
        assertThat(whole.entries()).extracting(Leaderboard.Entry::score)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        for (Leaderboard.Entry entry : whole.entries()) {
            Influence influence = reputation(village, entry.memberId(), 0).influence();
            assertThat(entry.rank()).isEqualTo(influence.rank());
            assertThat(entry.score()).isEqualTo(influence.score());
            assertThat(entry.relativeScore()).isEqualTo(influence.relativeScore());
            assertThat(entry.percentile()).isEqualTo(influence.percentile());
        }
        assertThat(whole.entries().get(0).percentile()).isEqualTo(100.0);
        assertThat(whole.entries().get(n - 1).percentile()).isEqualTo(0.0);
    }

    @Test
    void leaderboardOfACategoryRanksInfluenceInThatCategory() {
        ReputationScenario scenario = ReputationScenario.named("trust-and-gifts");
        StandaloneReputation village = scenario.replay();

        Leaderboard help = leaderboard(village, "help", 3, 0);

        assertThat(help.category()).isEqualTo("help");
        assertThat(help.total()).isEqualTo(scenario.members().size());
        assertThat(help.entries()).extracting(Leaderboard.Entry::rank).containsExactly(1, 2, 3);
        for (Leaderboard.Entry entry : help.entries()) {
            assertThat(entry.score()).isEqualTo(reputation(village, entry.memberId(), 0).byCategory().get("help").score());
        }
    }

    @Test
    void leaderboardOffsetPastTheLastMemberGivesAnEmptyPage() {
        StandaloneReputation village = ReputationScenario.named("trust-only").replay();

        Leaderboard page = leaderboard(village, null, 10, 7);

        assertThat(page.total()).isEqualTo(7);
        assertThat(page.entries()).isEmpty();
    }

    @Test
    void leaderboardOffsetFarPastTheLastMemberGivesAnEmptyPage() {
        StandaloneReputation village = ReputationScenario.named("trust-only").replay();

        Leaderboard page = leaderboard(village, null, 10, Integer.MAX_VALUE);

        assertThat(page.total()).isEqualTo(7);
        assertThat(page.entries()).isEmpty();
    }

    @Test
    void leaderboardAndInfluencersRejectLimitsOutOfRange() {
        assertThatThrownBy(() -> new FindLeaderboard(COMMUNITY, null, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FindLeaderboard(COMMUNITY, null, 10, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FindInfluencers(COMMUNITY, "alice", null, FindLeaderboard.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FindReputation(COMMUNITY, "alice", 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reachCountsPositiveTrustAndActsWhateverTheReputationWeights() {
        for (CommunitySettings.ReputationWeights weights : List.of(
                new CommunitySettings.ReputationWeights(0.0, 1.0, null, null),
                new CommunitySettings.ReputationWeights(1.0, 0.0, null, null),
                new CommunitySettings.ReputationWeights(1.0, 1.0, Map.of("help", 0.0), null))) {
            StandaloneReputation village = ReputationScenario.newReputation();
            Instant at = Instant.parse("2025-05-30T10:00:00Z");
            village.projection().on(new CommunityCreated(COMMUNITY, "Village",
                    new CommunitySettings(null, null, null, null, null, weights)));
            for (String member : List.of("alice", "bob", "carol", "dave")) {
                village.projection().on(new MemberRegistered(COMMUNITY, member, member), at);
            }
            village.projection().on(new TrustDeclared(COMMUNITY, "alice", "bob", null, 5, null, at), at);
            village.projection().on(new ContributionRecorded(COMMUNITY, "act-1", "carol", "dave", "help", BigDecimal.TEN, at,
                    null, null, RecordedBy.RECEIVER, ContributionStatus.CONFIRMED), at);
            village.snapshots().recomputeNow();

            assertThat(reputation(village, "alice", 0).reach()).as("%s: alice trusts bob", weights).isEqualTo(1);
            assertThat(reputation(village, "carol", 0).reach()).as("%s: carol gave to dave", weights).isEqualTo(1);
        }
    }

    // ---- explanation ----

    @ParameterizedTest
    @MethodSource("scenarios")
    void scorePartsAddUpToTheScoreAndEachSourceContributesDampingTimesItsScoreTimesItsShare(String name) {
        ReputationScenario scenario = ReputationScenario.named(name);
        StandaloneReputation village = scenario.replay();
        double damping = 1 - scenario.alpha();

        for (String member : scenario.members()) {
            MemberReputation reputation = reputation(village, member, 100);
            MemberReputation.ScoreParts parts = reputation.scoreParts();

            assertThat(parts.fromMembers() + parts.fromMembersWhoTrustNobody() + parts.fromTeleport())
                    .as("%s %s", name, member).isCloseTo(reputation.influence().score(), within(1e-9));
            double listed = 0;
            for (MemberReputation.InfluenceSource source : reputation.topSources()) {
                assertThat(source.contribution())
                        .isCloseTo(damping * source.sourceScore() * source.trustShare(), within(1e-15));
                assertThat(source.trustShare()).isBetween(0.0, 1.0);
                assertThat(source.sourceScore()).isEqualTo(reputation(village, source.memberId(), 0).influence().score());
                listed += source.contribution();
            }
            assertThat(listed).as("all sources are listed").isCloseTo(parts.fromMembers(), within(1e-15));
            assertThat(reputation.topSources()).extracting(MemberReputation.InfluenceSource::contribution)
                    .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        }
    }

    // ---- what the answers say in words: names, sources beyond the top ones, categories without data ----

    /** Alice, Bob and Carol trust Dave; Erin trusts nobody; Dave helped Bob. Names as registered, one renamed. */
    private static StandaloneReputation village() {
        StandaloneReputation village = ReputationScenario.newReputation();
        Instant at = Instant.parse("2025-05-30T10:00:00Z");
        village.projection().on(new CommunityCreated(COMMUNITY, "Village", CommunitySettings.defaults()));
        for (String member : List.of("alice", "bob", "carol", "dave", "erin")) {
            village.projection().on(new MemberRegistered(COMMUNITY, member, member.substring(0, 1).toUpperCase() + member.substring(1)), at);
        }
        village.projection().on(new MemberProfileUpdated(COMMUNITY, "dave", "Dave Null"), at);
        village.projection().on(new TrustDeclared(COMMUNITY, "alice", "dave", null, 9, null, at), at);
        village.projection().on(new TrustDeclared(COMMUNITY, "bob", "dave", null, 3, null, at), at);
        village.projection().on(new TrustDeclared(COMMUNITY, "carol", "dave", null, 5, null, at), at);
        village.projection().on(new TrustDeclared(COMMUNITY, "dave", "alice", null, 2, null, at), at);
        village.projection().on(new ContributionRecorded(COMMUNITY, "act-1", "dave", "bob", "help", BigDecimal.TEN, at,
                null, null, RecordedBy.RECEIVER, ContributionStatus.CONFIRMED), at);
        village.snapshots().recomputeNow();
        return village;
    }

    @Test
    void theTopSourcesTheOtherSourcesAndTheRestAddUpToTheScore() {
        StandaloneReputation village = village();
        MemberReputation dave = reputation(village, "dave", 1);

        assertThat(dave.topSources()).hasSize(1);
        assertThat(dave.otherSources().count()).as("bob and carol").isEqualTo(2);
        double top = dave.topSources().get(0).contribution();
        MemberReputation.ScoreParts parts = dave.scoreParts();
        assertThat(top + dave.otherSources().contribution()).isCloseTo(parts.fromMembers(), within(1e-15));
        assertThat(top + dave.otherSources().contribution() + parts.fromMembersWhoTrustNobody() + parts.fromTeleport()
                + parts.solverResidual()).isCloseTo(dave.influence().score(), within(1e-15));
        assertThat(Math.abs(parts.solverResidual())).as("the solver stops within its tolerance").isLessThan(1e-10);

        MemberReputation all = reputation(village, "dave", 10);
        assertThat(all.otherSources()).isEqualTo(new MemberReputation.OtherSources(0, 0.0));
        MemberReputation erin = reputation(village, "erin", 5);
        assertThat(erin.topSources()).isEmpty();
        assertThat(erin.otherSources()).isEqualTo(new MemberReputation.OtherSources(0, 0.0));
    }

    @Test
    void answersNameMembersAsTheyAreRegisteredOrRenamed() {
        StandaloneReputation village = village();

        Leaderboard board = leaderboard(village, null, 10, 0);
        assertThat(board.entries()).extracting(Leaderboard.Entry::memberId, Leaderboard.Entry::displayName)
                .contains(org.assertj.core.groups.Tuple.tuple("dave", "Dave Null"),
                        org.assertj.core.groups.Tuple.tuple("alice", "Alice"));
        assertThat(board.entries()).allSatisfy(entry -> assertThat(entry.displayName()).isNotNull());
        Influencers influencers = village.queries().handle(new FindInfluencers(COMMUNITY, "alice", null, 10)).orElseThrow();
        assertThat(influencers.entries()).extracting(Leaderboard.Entry::displayName).contains("Dave Null");
        MemberReputation dave = reputation(village, "dave", 3);
        assertThat(dave.displayName()).isEqualTo("Dave Null");
        assertThat(dave.topSources()).extracting(MemberReputation.InfluenceSource::displayName)
                .containsExactlyInAnyOrder("Alice", "Carol", "Bob");
    }

    @Test
    void aCategoryWithoutActsOrTrustOfItsOwnSaysSoInsteadOfRepeatingTrustForAll() {
        StandaloneReputation village = village();
        Instant at = Instant.parse("2025-05-30T11:00:00Z");
        village.projection().on(new TrustDeclared(COMMUNITY, "erin", "alice", "referral", 4, null, at), at);
        village.snapshots().recomputeNow();

        Map<String, MemberReputation.CategoryInfluence> byCategory = reputation(village, "dave", 0).byCategory();
        assertThat(byCategory.get("help").hasData()).as("dave helped bob").isTrue();
        assertThat(byCategory.get("help").score()).isPositive();
        assertThat(byCategory.get("referral").hasData()).as("erin trusts alice for referrals").isTrue();
        MemberReputation.CategoryInfluence advice = byCategory.get("advice");
        assertThat(advice).isEqualTo(new MemberReputation.CategoryInfluence(false, null, null, null, null));
    }

    @Test
    void topSourcesAreCappedAtTheNumberAskedFor() {
        StandaloneReputation village = ReputationScenario.named("trust-only").replay();

        List<MemberReputation.InfluenceSource> all = reputation(village, "alice", 100).topSources();
        List<MemberReputation.InfluenceSource> two = reputation(village, "alice", 2).topSources();

        assertThat(all).hasSize(3);
        assertThat(two).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(reputation(village, "alice", 0).topSources()).isEmpty();
        assertThat(reputation(village, "alice", 0).scoreParts()).isEqualTo(reputation(village, "alice", 100).scoreParts());
    }

    // ---- freshness ----

    @Test
    void answersSayTheyAreUpToDateAfterRecomputation() {
        ReputationScenario scenario = ReputationScenario.named("trust-only");
        StandaloneReputation village = ReputationScenario.newReputation();
        Instant lastEventAt = scenario.feed(village.projection());
        village.snapshots().recomputeNow();

        Freshness freshness = reputation(village, "alice", 0).freshness();

        assertThat(freshness.upToDate()).isTrue();
        assertThat(freshness.computedVersion()).isEqualTo(freshness.currentVersion()).isPositive();
        assertThat(freshness.computedAt()).isEqualTo(ReputationScenario.COMPUTED_AT);
        assertThat(freshness.lastEventAt()).isEqualTo(lastEventAt);
        assertThat(freshness.computeMillis()).isNotNegative();
    }

    @Test
    void answersAreStaleAfterANewEventUntilRecomputed() {
        ReputationScenario scenario = ReputationScenario.named("trust-only");
        StandaloneReputation village = ReputationScenario.newReputation();
        scenario.feed(village.projection());
        village.snapshots().recomputeNow();
        MemberReputation before = reputation(village, "grace", 0);
        long version = before.freshness().computedVersion();

        Instant at = Instant.parse("2025-05-30T10:00:00Z");
        village.projection().on(new TrustDeclared(COMMUNITY, "alice", "grace", null, 10, null, at), at);

        MemberReputation stale = reputation(village, "grace", 0);
        assertThat(stale.freshness().upToDate()).isFalse();
        assertThat(stale.freshness().eventsBehind()).as("not up to date, so behind by the change not computed yet")
                .isEqualTo(1);
        assertThat(stale.freshness().computedVersion()).isEqualTo(version);
        assertThat(stale.freshness().currentVersion()).isEqualTo(version + 1);
        assertThat(stale.influence()).as("the old snapshot still answers").isEqualTo(before.influence());
        assertThat(village.queries().handle(new FindLeaderboard(COMMUNITY, null, 10, 0)).orElseThrow().freshness().upToDate())
                .isFalse();
        assertThat(village.queries().handle(new FindNetworkStats(COMMUNITY)).orElseThrow().freshness().upToDate()).isFalse();

        village.snapshots().recomputeNow();

        MemberReputation fresh = reputation(village, "grace", 0);
        assertThat(fresh.freshness().upToDate()).isTrue();
        assertThat(fresh.freshness().eventsBehind()).isZero();
        assertThat(fresh.freshness().computedVersion()).isEqualTo(version + 1);
        assertThat(fresh.freshness().lastEventAt()).isEqualTo(at);
        assertThat(fresh.influence().score()).isGreaterThan(before.influence().score());
        assertThat(fresh.character().trustedBy()).isEqualTo(1);
    }

    @Test
    void memberRegisteredSinceTheLastRecomputationIsComputedOnTheirFirstRead() {
        ReputationScenario scenario = ReputationScenario.named("trust-only");
        StandaloneReputation village = ReputationScenario.newReputation();
        scenario.feed(village.projection());
        village.snapshots().recomputeNow();
        Instant at = Instant.parse("2025-05-30T10:00:00Z");

        village.projection().on(new MemberRegistered(COMMUNITY, "henry", "Henry"), at);

        // No recomputation in between: the read computes one, so a registered member never reads as unknown.
        MemberReputation henry = reputation(village, "henry", 0);
        assertThat(henry.freshness().upToDate()).isTrue();
        assertThat(village.queries().handle(new FindInfluencers(COMMUNITY, "henry", null, 10))).isPresent();
        assertThat(henry.influence().rank()).isEqualTo(8);
        assertThat(leaderboard(village, null, 10, 0).total()).isEqualTo(8);
    }

    @Test
    void recomputationKeepsScoresWhenNothingChanged() {
        StandaloneReputation village = ReputationScenario.named("trust-and-gifts").replay();
        MemberReputation first = reputation(village, "erin", 5);

        village.snapshots().recomputeNow();

        assertThat(reputation(village, "erin", 5)).isEqualTo(first);
    }

    @Test
    void warmStartedRecomputationAfterAChangeMatchesAColdStart() {
        ReputationScenario scenario = ReputationScenario.named("trust-and-gifts");
        StandaloneReputation warm = ReputationScenario.newReputation();
        scenario.feed(warm.projection());
        warm.snapshots().recomputeNow();
        StandaloneReputation cold = ReputationScenario.newReputation();
        scenario.feed(cold.projection());
        Instant at = Instant.parse("2025-05-30T10:00:00Z");
        ContributionRecorded gift = new ContributionRecorded(COMMUNITY, "late", "dave", "frank", "advice",
                new BigDecimal("12"), at, null, null, RecordedBy.RECEIVER, ContributionStatus.CONFIRMED);
        warm.projection().on(gift, at);
        cold.projection().on(gift, at);

        warm.snapshots().recomputeNow();
        cold.snapshots().recomputeNow();

        for (String member : scenario.members()) {
            assertThat(reputation(warm, member, 0).influence().score())
                    .isCloseTo(reputation(cold, member, 0).influence().score(), within(1e-9));
        }
    }

    // ---- what there is no answer for ----

    @Test
    void theFirstReadComputesTheFirstSnapshot() {
        StandaloneReputation village = ReputationScenario.newReputation();
        ReputationScenario.named("trust-only").feed(village.projection());

        assertThat(village.queries().handle(new FindReputation(COMMUNITY, "alice", 5))).isPresent();
        assertThat(village.queries().handle(new FindLeaderboard(COMMUNITY, null, 10, 0))).isPresent();
        assertThat(village.queries().handle(new FindInfluencers(COMMUNITY, "alice", null, 10))).isPresent();
        assertThat(village.queries().handle(new FindNetworkStats(COMMUNITY))).isPresent();
    }

    @Test
    void unknownCommunityMemberOrCategoryHasNoReputation() {
        StandaloneReputation village = ReputationScenario.named("trust-only").replay();

        assertThat(village.queries().handle(new FindReputation("elsewhere", "alice", 5))).isEmpty();
        assertThat(village.queries().handle(new FindReputation(COMMUNITY, "nobody", 5))).isEmpty();
        assertThat(village.queries().handle(new FindLeaderboard("elsewhere", null, 10, 0))).isEmpty();
        assertThat(village.queries().handle(new FindInfluencers(COMMUNITY, "nobody", null, 10))).isEmpty();
        assertThat(village.queries().handle(new FindInfluencers(COMMUNITY, "alice", "gardening", 10))).isEmpty();
        assertThat(village.queries().handle(new FindNetworkStats("elsewhere"))).isEmpty();
    }

    @Test
    void communityWithoutMembersHasAnEmptyLeaderboardAndNoGini() {
        StandaloneReputation village = ReputationScenario.newReputation();
        village.projection().on(new CommunityCreated(COMMUNITY, "Empty", CommunitySettings.defaults()));
        village.snapshots().recomputeNow();

        Leaderboard leaderboard = leaderboard(village, null, 10, 0);
        NetworkStats stats = village.queries().handle(new FindNetworkStats(COMMUNITY)).orElseThrow();

        assertThat(leaderboard.total()).isZero();
        assertThat(leaderboard.entries()).isEmpty();
        assertThat(stats.giniOfGivenValue()).isNull();
        assertThat(stats.trust()).isEqualTo(new NetworkStats.Ties(0, 0, 0, 0, null, null));
        assertThat(stats.giving()).isEqualTo(new NetworkStats.Ties(0, 0, 0, 0, null, null));
    }

    @Test
    void eachCommunityHasItsOwnReputation() {
        StandaloneReputation reputation = ReputationScenario.newReputation();
        ReputationScenario.named("trust-only").feed(reputation.projection());
        Instant at = Instant.parse("2025-05-30T10:00:00Z");
        reputation.projection().on(new CommunityCreated("hamlet", "Hamlet", CommunitySettings.defaults()));
        reputation.projection().on(new MemberRegistered("hamlet", "alice", "Alice"), at);
        reputation.projection().on(new MemberRegistered("hamlet", "zed", "Zed"), at);
        reputation.snapshots().recomputeNow();

        Leaderboard hamlet = reputation.queries().handle(new FindLeaderboard("hamlet", null, 10, 0)).orElseThrow();

        assertThat(hamlet.total()).isEqualTo(2);
        Set<String> ids = new HashSet<>();
        hamlet.entries().forEach(entry -> ids.add(entry.memberId()));
        assertThat(ids).containsExactlyInAnyOrder("alice", "zed");
        assertThat(hamlet.entries()).allSatisfy(entry -> assertThat(entry.score()).isCloseTo(0.5, within(1e-12)));
        assertThat(leaderboard(reputation, null, 10, 0).total()).isEqualTo(7);
    }

    @Test
    void aResetForgetsTheSnapshotsComputedBeforeIt() {
        StandaloneReputation reputation = ReputationScenario.newReputation();
        Instant at = Instant.parse("2025-05-30T10:00:00Z");
        for (List<String> members : List.of(List.of("alice", "bob"), List.of("carol", "dan"))) {
            reputation.projection().reset();
            // The same number of changes each time, so both networks reach the same version.
            reputation.projection().on(new CommunityCreated(COMMUNITY, "Village", CommunitySettings.defaults()));
            reputation.projection().on(new MemberRegistered(COMMUNITY, members.get(0), members.get(0)), at);
            reputation.projection().on(new MemberRegistered(COMMUNITY, members.get(1), members.get(1)), at);
            reputation.projection().on(new TrustDeclared(COMMUNITY, members.get(0), members.get(1), null, 5, null, at), at);

            // No recomputation in between: a snapshot of the history before the reset must not answer.
            assertThat(leaderboard(reputation, null, 10, 0).entries()).extracting(Leaderboard.Entry::memberId)
                    .containsExactly(members.get(1), members.get(0));
        }
    }

    @Test
    void resetForgetsEveryCommunity() {
        StandaloneReputation village = ReputationScenario.named("trust-only").replay();

        village.projection().reset();
        village.snapshots().recomputeNow();

        assertThat(village.queries().handle(new FindReputation(COMMUNITY, "alice", 5))).isEmpty();
        assertThat(village.queries().handle(new FindLeaderboard(COMMUNITY, null, 10, 0))).isEmpty();
    }
}
