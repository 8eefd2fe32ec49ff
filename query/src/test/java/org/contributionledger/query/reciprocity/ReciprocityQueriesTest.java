package org.contributionledger.query.reciprocity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.community.CommunitySettingsChanged;
import org.contributionledger.core.community.CommunitySettings.ReciprocityThresholds;
import org.contributionledger.query.directory.ProjectionTestLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReciprocityQueriesTest {

    private static final String C = "garden";
    private static final Instant WHEN = Instant.parse("2025-01-10T12:00:00Z");

    private ProjectionTestLedger ledger;
    private ReciprocityQueries queries;
    private int acts;

    @BeforeEach
    void setUp() {
        ledger = ProjectionTestLedger.create();
        queries = ledger.reciprocity();
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    private String nextId() {
        return "act-" + (++acts);
    }

    private String give(String giver, String receiver, String value) {
        String id = nextId();
        ledger.give(C, id, giver, receiver, value, WHEN);
        return id;
    }

    private String offer(String giver, String receiver, String value) {
        String id = nextId();
        ledger.offer(C, id, giver, receiver, value, WHEN);
        return id;
    }

    private Reciprocity reciprocity(String member) {
        return queries.handle(new FindReciprocity(C, member)).orElseThrow();
    }

    private PairwiseReciprocity pair(String a, String b) {
        return queries.handle(new FindPairwiseReciprocity(C, a, b)).orElseThrow();
    }

    private static void assertFlow(Flow flow, long count, String value) {
        assertThat(flow.count()).as("count").isEqualTo(count);
        assertThat(flow.value()).as("value").isEqualByComparingTo(value);
    }

    // ---- give and take of one member ----

    @Test
    void givenAndReceivedCountOnlyConfirmedActsWithTheirValue() {
        ledger.community(C, "alice", "bob", "carol");
        give("alice", "bob", "10");
        give("alice", "carol", "2.5");
        String later = offer("alice", "bob", "4");
        ledger.confirm(C, later);
        give("bob", "alice", "3");
        offer("carol", "alice", "100");

        Reciprocity alice = reciprocity("alice");

        assertThat(alice.communityId()).isEqualTo(C);
        assertThat(alice.memberId()).isEqualTo("alice");
        assertFlow(alice.given(), 3, "16.5");
        assertFlow(alice.received(), 1, "3");
    }

    @Test
    void pendingAndDisputedActsAreShownApartFromConfirmedOnes() {
        ledger.community(C, "alice", "bob");
        give("alice", "bob", "10");
        offer("alice", "bob", "4");
        String disputed = offer("alice", "bob", "6");
        ledger.dispute(C, disputed, "not like that");
        offer("bob", "alice", "1.5");

        Reciprocity alice = reciprocity("alice");
        Reciprocity bob = reciprocity("bob");

        assertFlow(alice.given(), 1, "10");
        assertFlow(alice.pendingGiven(), 2, "10");
        assertFlow(alice.pendingReceived(), 1, "1.5");
        assertFlow(alice.received(), 0, "0");
        assertFlow(bob.pendingReceived(), 2, "10");
        assertFlow(bob.pendingGiven(), 1, "1.5");
    }

    @Test
    void revokedActsCountNowhere() {
        ledger.community(C, "alice", "bob", "carol");
        give("alice", "bob", "10");
        String pending = offer("alice", "carol", "50");
        ledger.revoke(C, pending, "typo");
        String disputed = offer("carol", "alice", "7");
        ledger.dispute(C, disputed, "no");
        ledger.revoke(C, disputed, "sorry");

        Reciprocity alice = reciprocity("alice");

        assertFlow(alice.given(), 1, "10");
        assertFlow(alice.received(), 0, "0");
        assertFlow(alice.pendingGiven(), 0, "0");
        assertFlow(alice.pendingReceived(), 0, "0");
        assertThat(alice.distinctPartners()).isEqualTo(1);
        assertThat(alice.balance()).isEqualByComparingTo("10");
    }

    @Test
    void balanceIsGivenMinusReceivedValueAndRatioGivenOverReceived() {
        ledger.community(C, "alice", "bob");
        give("alice", "bob", "10");
        give("bob", "alice", "7.5");
        give("bob", "alice", "22.5");

        Reciprocity alice = reciprocity("alice");
        Reciprocity bob = reciprocity("bob");

        assertThat(alice.balance()).isEqualByComparingTo("-20");
        assertThat(alice.ratio()).isEqualTo(0.333333);
        assertThat(bob.balance()).isEqualByComparingTo("20");
        assertThat(bob.ratio()).isEqualTo(3.0);
    }

    @Test
    void ratioIsNullWhenNothingWasReceived() {
        ledger.community(C, "alice", "bob");
        give("alice", "bob", "10");

        assertThat(reciprocity("alice").ratio()).isNull();
        assertThat(reciprocity("bob").ratio()).isEqualTo(0.0);
    }

    @Test
    void partnersAreDistinctMembersOfConfirmedActsAndMutualOnesGaveAndReceived() {
        ledger.community(C, "alice", "bob", "carol", "dave", "erin");
        give("alice", "bob", "1");
        give("alice", "bob", "1");
        give("bob", "alice", "1");
        give("alice", "carol", "1");
        give("dave", "alice", "1");
        offer("alice", "erin", "1");
        offer("erin", "alice", "1");

        Reciprocity alice = reciprocity("alice");

        assertThat(alice.distinctPartners()).isEqualTo(3);
        assertThat(alice.mutualPartners()).isEqualTo(1);
        assertThat(reciprocity("erin").distinctPartners()).isZero();
    }

    // ---- roles with the default thresholds: taker below 0.5, contributor above 2, one act at least ----

    @Test
    void memberWhoOnlyGivesIsAContributorAndMemberWhoOnlyReceivesATaker() {
        ledger.community(C, "alice", "bob");
        give("alice", "bob", "10");

        assertThat(reciprocity("alice").role()).isEqualTo(Role.CONTRIBUTOR);
        assertThat(reciprocity("bob").role()).isEqualTo(Role.TAKER);
        assertThat(reciprocity("alice").thresholds()).isEqualTo(ReciprocityThresholds.DEFAULT);
    }

    @Test
    void ratioAboveContributorThresholdMakesAContributorAndBelowTakerThresholdATaker() {
        ledger.community(C, "alice", "bob");
        give("alice", "bob", "21");
        give("bob", "alice", "10");

        assertThat(reciprocity("alice").ratio()).isEqualTo(2.1);
        assertThat(reciprocity("alice").role()).isEqualTo(Role.CONTRIBUTOR);
        assertThat(reciprocity("bob").ratio()).isEqualTo(0.47619);
        assertThat(reciprocity("bob").role()).isEqualTo(Role.TAKER);
    }

    @Test
    void ratiosOnTheThresholdsThemselvesAreBalanced() {
        ledger.community(C, "alice", "bob");
        give("alice", "bob", "20");
        give("bob", "alice", "10");

        assertThat(reciprocity("alice").ratio()).isEqualTo(2.0);
        assertThat(reciprocity("alice").role()).isEqualTo(Role.BALANCED);
        assertThat(reciprocity("bob").ratio()).isEqualTo(0.5);
        assertThat(reciprocity("bob").role()).isEqualTo(Role.BALANCED);
    }

    @Test
    void memberWithoutConfirmedActsIsBalanced() {
        ledger.community(C, "alice", "bob");
        offer("alice", "bob", "10");

        Reciprocity alice = reciprocity("alice");

        assertThat(alice.role()).isEqualTo(Role.BALANCED);
        assertThat(alice.ratio()).isNull();
        assertThat(alice.balance()).isEqualByComparingTo("0");
    }

    // ---- roles with the community's own thresholds ----

    @Test
    void customThresholdsDecideTheRoleAndAreReturnedWithIt() {
        ReciprocityThresholds thresholds = new ReciprocityThresholds(0.8, 1.25, 2);
        ledger.createCommunity(C, new CommunitySettings(null, null, null, null, thresholds, null));
        ledger.register(C, "alice", "bob", "carol", "dave");
        give("alice", "bob", "13");
        give("bob", "alice", "10");
        give("carol", "dave", "12");
        give("dave", "carol", "10");

        Reciprocity alice = reciprocity("alice");
        Reciprocity bob = reciprocity("bob");
        Reciprocity carol = reciprocity("carol");
        Reciprocity dave = reciprocity("dave");

        assertThat(alice.thresholds()).isEqualTo(thresholds);
        assertThat(alice.ratio()).isEqualTo(1.3);
        assertThat(alice.role()).as("1.3 > 1.25").isEqualTo(Role.CONTRIBUTOR);
        assertThat(bob.ratio()).isEqualTo(0.769231);
        assertThat(bob.role()).as("0.769 < 0.8").isEqualTo(Role.TAKER);
        assertThat(carol.ratio()).isEqualTo(1.2);
        assertThat(carol.role()).as("0.8 <= 1.2 <= 1.25").isEqualTo(Role.BALANCED);
        assertThat(dave.ratio()).isEqualTo(0.833333);
        assertThat(dave.role()).isEqualTo(Role.BALANCED);
    }

    @Test
    void changedThresholdsDecideTheRoleFromThenOn() {
        ledger.createCommunity(C, CommunitySettings.defaults());
        ledger.register(C, "alice", "bob");
        give("alice", "bob", "13");
        give("bob", "alice", "10");
        assertThat(reciprocity("alice").role()).as("1.3 is within the default 0.5..2.0").isEqualTo(Role.BALANCED);
        ReciprocityThresholds thresholds = new ReciprocityThresholds(0.8, 1.25, 2);

        ledger.directory().on(new CommunitySettingsChanged(C,
                new CommunitySettings(null, null, null, null, thresholds, null)));

        assertThat(reciprocity("alice").role()).as("1.3 > 1.25").isEqualTo(Role.CONTRIBUTOR);
        assertThat(reciprocity("alice").thresholds()).isEqualTo(thresholds);
        assertThat(reciprocity("bob").role()).as("0.769 < 0.8").isEqualTo(Role.TAKER);
    }

    @Test
    void fewerConfirmedActsThanTheMinimumAreBalancedWhateverTheRatio() {
        ReciprocityThresholds thresholds = new ReciprocityThresholds(0.8, 1.25, 3);
        ledger.createCommunity(C, new CommunitySettings(null, null, null, null, thresholds, null));
        ledger.register(C, "alice", "bob");
        give("alice", "bob", "10");
        give("alice", "bob", "10");
        offer("alice", "bob", "10");

        assertThat(reciprocity("alice").role()).as("2 confirmed acts < 3").isEqualTo(Role.BALANCED);
        assertThat(reciprocity("bob").role()).isEqualTo(Role.BALANCED);

        ledger.confirm(C, "act-3");

        assertThat(reciprocity("alice").role()).as("3 confirmed acts").isEqualTo(Role.CONTRIBUTOR);
        assertThat(reciprocity("bob").role()).isEqualTo(Role.TAKER);
    }

    @Test
    void minimumActsCountBothDirections() {
        ReciprocityThresholds thresholds = new ReciprocityThresholds(0.5, 2.0, 3);
        ledger.createCommunity(C, new CommunitySettings(null, null, null, null, thresholds, null));
        ledger.register(C, "alice", "bob");
        give("alice", "bob", "30");
        give("bob", "alice", "1");
        give("bob", "alice", "1");

        assertThat(reciprocity("alice").role()).isEqualTo(Role.CONTRIBUTOR);
        assertThat(reciprocity("bob").role()).isEqualTo(Role.TAKER);
    }

    @Test
    void unknownMemberOrCommunityHasNoReciprocity() {
        ledger.community(C, "alice");
        ledger.community("choir", "bob");

        assertThat(queries.handle(new FindReciprocity(C, "nobody"))).isEmpty();
        assertThat(queries.handle(new FindReciprocity(C, "bob"))).isEmpty();
        assertThat(queries.handle(new FindReciprocity("nowhere", "alice"))).isEmpty();
    }

    // ---- between two members ----

    @Test
    void pairwiseReciprocitySeparatesBothDirectionsAndWaitingActs() {
        ledger.community(C, "alice", "bob", "carol");
        give("alice", "bob", "10");
        give("alice", "bob", "5");
        give("bob", "alice", "4");
        offer("alice", "bob", "3");
        String disputed = offer("bob", "alice", "2");
        ledger.dispute(C, disputed, "no");
        String revoked = offer("alice", "bob", "100");
        ledger.revoke(C, revoked, "typo");
        give("alice", "carol", "50");

        PairwiseReciprocity ab = pair("alice", "bob");

        assertThat(ab.communityId()).isEqualTo(C);
        assertThat(ab.memberA()).isEqualTo("alice");
        assertThat(ab.memberB()).isEqualTo("bob");
        assertFlow(ab.aToB(), 2, "15");
        assertFlow(ab.bToA(), 1, "4");
        assertFlow(ab.pendingAToB(), 1, "3");
        assertFlow(ab.pendingBToA(), 1, "2");
        assertThat(ab.balance()).isEqualByComparingTo("11");
        assertThat(ab.mutual()).isTrue();
    }

    @Test
    void pairwiseReciprocityAskedTheOtherWayRoundIsMirrored() {
        ledger.community(C, "alice", "bob");
        give("alice", "bob", "10");
        give("bob", "alice", "4");
        offer("alice", "bob", "3");

        PairwiseReciprocity ba = pair("bob", "alice");

        assertFlow(ba.aToB(), 1, "4");
        assertFlow(ba.bToA(), 1, "10");
        assertFlow(ba.pendingAToB(), 0, "0");
        assertFlow(ba.pendingBToA(), 1, "3");
        assertThat(ba.balance()).isEqualByComparingTo("-6");
    }

    @Test
    void tieIsMutualOnlyWithConfirmedActsBothWays() {
        ledger.community(C, "alice", "bob", "carol");
        give("alice", "bob", "10");
        offer("bob", "alice", "4");
        give("alice", "carol", "1");
        give("carol", "alice", "1");

        assertThat(pair("alice", "bob").mutual()).isFalse();
        assertThat(pair("alice", "carol").mutual()).isTrue();
        assertThat(pair("bob", "carol").mutual()).isFalse();
        assertFlow(pair("bob", "carol").aToB(), 0, "0");
        assertThat(pair("bob", "carol").balance()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void pairwiseReciprocityWithAnUnknownMemberIsEmpty() {
        ledger.community(C, "alice", "bob");

        assertThat(queries.handle(new FindPairwiseReciprocity(C, "alice", "nobody"))).isEmpty();
        assertThat(queries.handle(new FindPairwiseReciprocity(C, "nobody", "bob"))).isEmpty();
    }
}
