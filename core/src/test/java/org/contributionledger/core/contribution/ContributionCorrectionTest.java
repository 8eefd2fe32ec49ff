package org.contributionledger.core.contribution;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.contributionledger.core.contribution.ContributionStatus.CONFIRMED;
import static org.contributionledger.core.contribution.ContributionStatus.PENDING;
import static org.contributionledger.core.contribution.RecordedBy.GIVER;
import static org.contributionledger.core.contribution.RecordedBy.RECEIVER;

import java.math.BigDecimal;
import java.time.Instant;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.contributionledger.core.common.InMemoryDirectory;
import org.contributionledger.core.common.InvalidField;
import org.contributionledger.core.community.CommunitySettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Corrections of a confirmed act: proposed by its recorder with a reason, accepted or rejected by
 * the other side, never an edit of the old events. One test per rule, and its refusal.
 */
class ContributionCorrectionTest {

    private static final String COMMUNITY = "makers";
    private static final String OPEN_COMMUNITY = "open";
    private static final String ID = "act-1";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String CAROL = "carol";
    private static final Instant OCCURRED_AT = Instant.parse("2025-02-28T12:00:00Z");
    private static final BigDecimal FIVE = new BigDecimal("5");
    private static final BigDecimal THREE = new BigDecimal("3");

    private FixtureConfiguration<Contribution> fixture;

    @BeforeEach
    void setUp() {
        InMemoryDirectory directory = new InMemoryDirectory()
                .withCommunity(COMMUNITY)
                .withMembers(COMMUNITY, ALICE, BOB, CAROL)
                .withCommunity(OPEN_COMMUNITY, new CommunitySettings(null, null, null, false, null, null))
                .withMembers(OPEN_COMMUNITY, ALICE, BOB);
        fixture = new AggregateTestFixture<>(Contribution.class);
        fixture.registerInjectableResource(directory);
    }

    @Test
    void theRecorderProposesAndTheOtherSideAccepts() {
        fixture.given(confirmedAct(COMMUNITY))
               .when(correct(ALICE, THREE, null))
               .expectEvents(proposed(ALICE, "help", THREE));
        fixture.given(confirmedAct(COMMUNITY), proposed(ALICE, "help", THREE))
               .when(new AcceptCorrection(COMMUNITY, ID, BOB))
               .expectEvents(new ContributionCorrected(COMMUNITY, ID, ALICE, BOB, OCCURRED_AT, "help", FIVE, "help",
                       THREE, ALICE, BOB, "Counted the hours twice"));
    }

    @Test
    void theOtherSideMayReject() {
        fixture.given(confirmedAct(COMMUNITY), proposed(ALICE, "advice", FIVE))
               .when(new RejectCorrection(COMMUNITY, ID, BOB, "It was advice and help"))
               .expectEvents(new ContributionCorrectionRejected(COMMUNITY, ID, BOB, "It was advice and help"));
    }

    @Test
    void aRejectedCorrectionLeavesTheFiguresAndAnotherMayFollow() {
        fixture.given(confirmedAct(COMMUNITY), proposed(ALICE, "advice", FIVE),
                       new ContributionCorrectionRejected(COMMUNITY, ID, BOB, null))
               .when(correct(ALICE, THREE, null))
               .expectEvents(proposed(ALICE, "help", THREE));
    }

    @Test
    void whereTheCommunityAsksNoConfirmationTheCorrectionTakesEffectAtOnce() {
        fixture.given(new ContributionRecorded(OPEN_COMMUNITY, ID, ALICE, BOB, "help", FIVE, OCCURRED_AT, null, null,
                       GIVER, CONFIRMED))
               .when(new CorrectContribution(OPEN_COMMUNITY, ID, ALICE, null, "advice", "Wrong category"))
               .expectEvents(new ContributionCorrected(OPEN_COMMUNITY, ID, ALICE, BOB, OCCURRED_AT, "help", FIVE,
                       "advice", FIVE, ALICE, null, "Wrong category"));
    }

    @Test
    void aSecondCorrectionStartsFromTheFiguresInForce() {
        fixture.given(confirmedAct(COMMUNITY), proposed(ALICE, "help", THREE), corrected("help", FIVE, "help", THREE))
               .when(new CorrectContribution(COMMUNITY, ID, ALICE, null, "advice", "And it was advice"))
               .expectEvents(new ContributionCorrectionProposed(COMMUNITY, ID, ALICE, BOB, ALICE, "advice", THREE,
                       "And it was advice"));
    }

    @Test
    void anActRecordedByItsReceiverIsCorrectedByTheReceiverAndAcceptedByTheGiver() {
        fixture.given(new ContributionRecorded(COMMUNITY, ID, ALICE, BOB, "help", FIVE, OCCURRED_AT, null, null,
                       RECEIVER, CONFIRMED), new ContributionCorrectionProposed(COMMUNITY, ID, ALICE, BOB, BOB, "help",
                       THREE, "Less than I said"))
               .when(new AcceptCorrection(COMMUNITY, ID, ALICE))
               .expectEvents(new ContributionCorrected(COMMUNITY, ID, ALICE, BOB, OCCURRED_AT, "help", FIVE, "help",
                       THREE, BOB, ALICE, "Less than I said"));
    }

    // --- retries are quiet ------------------------------------------------------------------------

    @Test
    void theSameProposalAgainWhilePendingRecordsNothing() {
        fixture.given(confirmedAct(COMMUNITY), proposed(ALICE, "help", THREE))
               .when(correct(ALICE, new BigDecimal("3.000"), null))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void acceptingAgainRecordsNothing() {
        fixture.given(confirmedAct(COMMUNITY), proposed(ALICE, "help", THREE), corrected("help", FIVE, "help", THREE))
               .when(new AcceptCorrection(COMMUNITY, ID, BOB))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    // --- refusals, one per rule ---------------------------------------------------------------------

    @Test
    void onlyTheRecorderProposes() {
        fixture.given(confirmedAct(COMMUNITY))
               .when(correct(BOB, THREE, null))
               .expectException(OnlyRecorderMayCorrect.class);
    }

    @Test
    void onlyAConfirmedActIsCorrected() {
        fixture.given(new ContributionRecorded(COMMUNITY, ID, ALICE, BOB, "help", FIVE, OCCURRED_AT, null, null,
                       GIVER, PENDING))
               .when(correct(ALICE, THREE, null))
               .expectException(OnlyConfirmedActMayBeCorrected.class);
    }

    @Test
    void aCorrectionMustChangeSomething() {
        fixture.given(confirmedAct(COMMUNITY))
               .when(correct(ALICE, new BigDecimal("5.00"), "help"))
               .expectException(CorrectionChangesNothing.class);
    }

    @Test
    void oneCorrectionAtATime() {
        fixture.given(confirmedAct(COMMUNITY), proposed(ALICE, "help", THREE))
               .when(correct(ALICE, new BigDecimal("4"), null))
               .expectException(CorrectionAlreadyPending.class);
    }

    @Test
    void acceptingNeedsAPendingCorrection() {
        fixture.given(confirmedAct(COMMUNITY))
               .when(new AcceptCorrection(COMMUNITY, ID, BOB))
               .expectException(NoCorrectionPending.class);
        fixture.given(confirmedAct(COMMUNITY))
               .when(new RejectCorrection(COMMUNITY, ID, BOB, null))
               .expectException(NoCorrectionPending.class);
    }

    @Test
    void onlyTheOtherSideDecides() {
        fixture.given(confirmedAct(COMMUNITY), proposed(ALICE, "help", THREE))
               .when(new AcceptCorrection(COMMUNITY, ID, ALICE))
               .expectException(OnlyCounterpartMayDecideCorrection.class);
        fixture.given(confirmedAct(COMMUNITY), proposed(ALICE, "help", THREE))
               .when(new RejectCorrection(COMMUNITY, ID, CAROL, null))
               .expectException(OnlyCounterpartMayDecideCorrection.class);
    }

    @Test
    void theNewFiguresFollowTheCommunitysRules() {
        fixture.given(confirmedAct(COMMUNITY))
               .when(correct(ALICE, null, "gossip"))
               .expectException(UnknownCategory.class);
        fixture.given(confirmedAct(COMMUNITY))
               .when(correct(ALICE, new BigDecimal("1000.5"), null))
               .expectException(ValueOutOfRange.class);
        fixture.given(confirmedAct(COMMUNITY))
               .when(correct(ALICE, new BigDecimal("0"), null))
               .expectException(ValueOutOfRange.class);
    }

    @Test
    void aCorrectionGivesNewFiguresAndAReason() {
        assertThatThrownBy(() -> new CorrectContribution(COMMUNITY, ID, ALICE, null, null, "Nothing"))
                .isInstanceOf(InvalidField.class).hasMessageContaining("new value, a new category or both");
        assertThatThrownBy(() -> new CorrectContribution(COMMUNITY, ID, ALICE, THREE, null, "  "))
                .isInstanceOf(InvalidField.class).hasMessageContaining("reason");
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static ContributionRecorded confirmedAct(String community) {
        return new ContributionRecorded(community, ID, ALICE, BOB, "help", FIVE, OCCURRED_AT, null, null, GIVER, CONFIRMED);
    }

    private static CorrectContribution correct(String by, BigDecimal value, String category) {
        return new CorrectContribution(COMMUNITY, ID, by, value, category, "Counted the hours twice");
    }

    private static ContributionCorrectionProposed proposed(String by, String category, BigDecimal value) {
        return new ContributionCorrectionProposed(COMMUNITY, ID, ALICE, BOB, by, category, value, "Counted the hours twice");
    }

    private static ContributionCorrected corrected(String fromCategory, BigDecimal fromValue, String category,
                                                   BigDecimal value) {
        return new ContributionCorrected(COMMUNITY, ID, ALICE, BOB, OCCURRED_AT, fromCategory, fromValue, category, value,
                ALICE, BOB, "Counted the hours twice");
    }
}
