package org.contributionledger.core.contribution;

import static org.contributionledger.core.contribution.ContributionStatus.CONFIRMED;
import static org.contributionledger.core.contribution.ContributionStatus.DISPUTED;
import static org.contributionledger.core.contribution.ContributionStatus.PENDING;
import static org.contributionledger.core.contribution.RecordedBy.GIVER;
import static org.contributionledger.core.contribution.RecordedBy.RECEIVER;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.contributionledger.core.common.InMemoryDirectory;
import org.contributionledger.core.common.MemberNotActive;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.MemberWasMerged;
import org.contributionledger.core.common.OccurredInFuture;
import org.contributionledger.core.common.Recording;
import org.contributionledger.core.common.UnknownCommunity;
import org.contributionledger.core.common.UnknownMember;
import org.contributionledger.core.community.CommunitySettings;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContributionTest {

    private static final String COMMUNITY = "makers";
    private static final String OTHER_COMMUNITY = "bakers";
    private static final String OPEN_COMMUNITY = "open";
    private static final String ID = "act-1";
    private static final String GIVER_ID = "alice";
    private static final String RECEIVER_ID = "bob";
    private static final String STRANGER = "carol";
    private static final String CATEGORY = "help";
    private static final BigDecimal VALUE = new BigDecimal("5");
    private static final Instant RECEIVED_AT = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant OCCURRED_AT = RECEIVED_AT.minus(Duration.ofDays(1));
    private static final String DESCRIPTION = "Fixed the bike";
    private static final String EVIDENCE = "https://example.org/bike";

    private FixtureConfiguration<Contribution> fixture;
    private InMemoryDirectory directory;

    @BeforeEach
    void setUp() {
        directory = new InMemoryDirectory()
                .withCommunity(COMMUNITY)
                .withMembers(COMMUNITY, GIVER_ID, RECEIVER_ID, STRANGER)
                .withCommunity(OTHER_COMMUNITY)
                .withMembers(OTHER_COMMUNITY, "dave", "erin")
                .withCommunity(OPEN_COMMUNITY, new CommunitySettings(null, null, null, false, null, null))
                .withMembers(OPEN_COMMUNITY, GIVER_ID, RECEIVER_ID);
        fixture = new AggregateTestFixture<>(Contribution.class);
        fixture.registerInjectableResource(directory);
    }

    // --- recording and its status ---------------------------------------------------------------

    @Test
    void actRecordedByReceiverIsConfirmedAtOnce() {
        fixture.givenNoPriorActivity()
               .when(record(RECEIVER))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(Recording.recordedNow(CONFIRMED))
               .expectEvents(recorded(RECEIVER, CONFIRMED));
    }

    @Test
    void actRecordedByGiverWaitsForTheReceiver() {
        fixture.givenNoPriorActivity()
               .when(record(GIVER))
               .expectResultMessagePayload(Recording.recordedNow(PENDING))
               .expectEvents(recorded(GIVER, PENDING));
    }

    @Test
    void actRecordedByGiverIsConfirmedAtOnceWhereNoConfirmationIsRequired() {
        fixture.givenNoPriorActivity()
               .when(new RecordContribution(OPEN_COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE, OCCURRED_AT,
                       null, null, GIVER, RECEIVED_AT))
               .expectResultMessagePayload(Recording.recordedNow(CONFIRMED))
               .expectEvents(new ContributionRecorded(OPEN_COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE,
                       OCCURRED_AT, null, null, GIVER, CONFIRMED));
    }

    @Test
    void recordedEventCarriesTheWholeAct() {
        fixture.givenNoPriorActivity()
               .when(new RecordContribution(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, "advice", new BigDecimal("12.50"),
                       OCCURRED_AT, "  " + DESCRIPTION + " ", EVIDENCE, GIVER, RECEIVED_AT))
               .expectEvents(new ContributionRecorded(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, "advice",
                       new BigDecimal("12.5"), OCCURRED_AT, DESCRIPTION, EVIDENCE, GIVER, PENDING));
    }

    @Test
    void cannotGiveToOneself() {
        fixture.givenNoPriorActivity()
               .when(new RecordContribution(COMMUNITY, ID, GIVER_ID, GIVER_ID, CATEGORY, VALUE, OCCURRED_AT, null,
                       null, GIVER, RECEIVED_AT))
               .expectNoEvents()
               .expectException(SelfContributionNotAllowed.class);
    }

    @Test
    void categoryOfTheCommunityIsAccepted() {
        directory.withCommunity("coders", new CommunitySettings(List.of("code-review"), null, null, null, null, null))
                 .withMembers("coders", GIVER_ID, RECEIVER_ID);

        fixture.givenNoPriorActivity()
               .when(new RecordContribution("coders", ID, GIVER_ID, RECEIVER_ID, "code-review", VALUE, OCCURRED_AT,
                       null, null, RECEIVER, RECEIVED_AT))
               .expectEvents(new ContributionRecorded("coders", ID, GIVER_ID, RECEIVER_ID, "code-review", VALUE,
                       OCCURRED_AT, null, null, RECEIVER, CONFIRMED));
    }

    @Test
    void categoryTheCommunityLacksIsRefused() {
        fixture.givenNoPriorActivity()
               .when(recordWith("code-review", VALUE))
               .expectNoEvents()
               .expectException(UnknownCategory.class);
    }

    // --- value ------------------------------------------------------------------------------------

    @Test
    void zeroValueIsRefused() {
        expectValueRefused("0");
    }

    @Test
    void negativeValueIsRefused() {
        expectValueRefused("-1");
    }

    @Test
    void valueAboveTheMaximumIsRefused() {
        expectValueRefused("1000.000001");
    }

    @Test
    void valueWithMoreThanSixDecimalsIsRefused() {
        expectValueRefused("0.0000001");
    }

    @Test
    void valueOfExactlyTheMaximumIsAccepted() {
        fixture.givenNoPriorActivity()
               .when(recordWith(CATEGORY, new BigDecimal("1000")))
               .expectSuccessfulHandlerExecution()
               .expectEvents(recordedWith(new BigDecimal("1000").stripTrailingZeros()));
    }

    @Test
    void valueWithSixDecimalsIsAccepted() {
        fixture.givenNoPriorActivity()
               .when(recordWith(CATEGORY, new BigDecimal("0.000001")))
               .expectEvents(recordedWith(new BigDecimal("0.000001")));
    }

    @Test
    void trailingZerosDoNotCountAsDecimals() {
        fixture.givenNoPriorActivity()
               .when(recordWith(CATEGORY, new BigDecimal("2.500000000")))
               .expectEvents(recordedWith(new BigDecimal("2.5")));
    }

    private void expectValueRefused(String value) {
        fixture.givenNoPriorActivity()
               .when(recordWith(CATEGORY, new BigDecimal(value)))
               .expectNoEvents()
               .expectException(ValueOutOfRange.class);
    }

    // --- time -------------------------------------------------------------------------------------

    @Test
    void actUpToFiveMinutesAheadOfArrivalIsAccepted() {
        Instant occurredAt = RECEIVED_AT.plus(Duration.ofMinutes(5));
        fixture.givenNoPriorActivity()
               .when(new RecordContribution(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE, occurredAt, null,
                       null, RECEIVER, RECEIVED_AT))
               .expectEvents(new ContributionRecorded(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE,
                       occurredAt, null, null, RECEIVER, CONFIRMED));
    }

    @Test
    void actMoreThanFiveMinutesAheadOfArrivalIsRefused() {
        Instant occurredAt = RECEIVED_AT.plus(Duration.ofMinutes(5)).plusSeconds(1);
        fixture.givenNoPriorActivity()
               .when(new RecordContribution(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE, occurredAt, null,
                       null, RECEIVER, RECEIVED_AT))
               .expectNoEvents()
               .expectException(OccurredInFuture.class);
    }

    // --- who may take part ------------------------------------------------------------------------

    @Test
    void unregisteredGiverIsRefused() {
        fixture.givenNoPriorActivity()
               .when(recordBetween("nobody", RECEIVER_ID))
               .expectNoEvents()
               .expectException(UnknownMember.class);
    }

    @Test
    void unregisteredReceiverIsRefused() {
        fixture.givenNoPriorActivity()
               .when(recordBetween(GIVER_ID, "nobody"))
               .expectNoEvents()
               .expectException(UnknownMember.class);
    }

    @Test
    void giverFromAnotherCommunityIsUnknown() {
        fixture.givenNoPriorActivity()
               .when(recordBetween("dave", RECEIVER_ID))
               .expectNoEvents()
               .expectException(UnknownMember.class);
    }

    @Test
    void receiverFromAnotherCommunityIsUnknown() {
        fixture.givenNoPriorActivity()
               .when(recordBetween(GIVER_ID, "erin"))
               .expectNoEvents()
               .expectException(UnknownMember.class);
    }

    @Test
    void suspendedGiverCannotGive() {
        directory.suspend(COMMUNITY, GIVER_ID);
        fixture.givenNoPriorActivity()
               .when(record(GIVER))
               .expectNoEvents()
               .expectException(MemberNotActive.class);
    }

    @Test
    void erasedMemberCannotGive() {
        directory.erase(COMMUNITY, GIVER_ID);
        fixture.givenNoPriorActivity()
               .when(record(GIVER))
               .expectNoEvents()
               .expectException(MemberWasErased.class);
    }

    @Test
    void mergedAwayGiverCannotGive() {
        directory.merge(COMMUNITY, STRANGER, GIVER_ID);
        fixture.givenNoPriorActivity()
               .when(record(GIVER))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
    }

    @Test
    void mergedAwayReceiverCannotReceive() {
        directory.merge(COMMUNITY, STRANGER, RECEIVER_ID);
        fixture.givenNoPriorActivity()
               .when(record(GIVER))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
    }

    @Test
    void suspendedReceiverCannotReceive() {
        directory.suspend(COMMUNITY, RECEIVER_ID);
        fixture.givenNoPriorActivity()
               .when(record(GIVER))
               .expectNoEvents()
               .expectException(MemberNotActive.class);
    }

    @Test
    void reinstatedMemberTakesPartAgain() {
        directory.suspend(COMMUNITY, GIVER_ID).reinstate(COMMUNITY, GIVER_ID);
        fixture.givenNoPriorActivity()
               .when(record(GIVER))
               .expectEvents(recorded(GIVER, PENDING));
    }

    @Test
    void actInAnUnknownCommunityIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new RecordContribution("nowhere", ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE, OCCURRED_AT, null,
                       null, GIVER, RECEIVED_AT))
               .expectNoEvents()
               .expectException(UnknownCommunity.class);
    }

    // --- the id is an idempotency key --------------------------------------------------------------

    @Test
    void sameActAgainRecordsNothing() {
        fixture.given(recorded(GIVER, PENDING))
               .when(record(GIVER))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(Recording.alreadyRecorded(PENDING))
               .expectNoEvents();
    }

    @Test
    void sameValueWrittenWithTrailingZerosIsTheSameAct() {
        fixture.given(recorded(GIVER, PENDING))
               .when(recordWith(CATEGORY, new BigDecimal("5.00")))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void sameActArrivingLaterIsTheSameAct() {
        fixture.given(recorded(GIVER, PENDING))
               .when(new RecordContribution(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE, OCCURRED_AT, null,
                       null, GIVER, RECEIVED_AT.plus(Duration.ofHours(3))))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void sameActAgainAfterItWasConfirmedRecordsNothingAndAnswersTheCurrentStatus() {
        fixture.given(recorded(GIVER, PENDING), confirmed())
               .when(record(GIVER))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(Recording.alreadyRecorded(CONFIRMED))
               .expectNoEvents();
    }

    @Test
    void anotherValueUnderATakenIdIsAConflict() {
        fixture.given(recorded(GIVER, PENDING))
               .when(recordWith(CATEGORY, new BigDecimal("6")))
               .expectNoEvents()
               .expectException(ContributionIdConflict.class);
    }

    @Test
    void aConflictNamesEveryDifferingFieldAndOnlyThose() {
        fixture.given(recorded(GIVER, PENDING))
               .when(recordWith("advice", new BigDecimal("6")))
               .expectNoEvents()
               .expectException(ContributionIdConflict.class)
               .expectException(new FeatureMatcher<ContributionIdConflict, List<String>>(
                       Matchers.contains("category", "value"), "differing fields", "differingFields") {
                   @Override
                   protected List<String> featureValueOf(ContributionIdConflict conflict) {
                       return conflict.differingFields();
                   }
               });
    }

    @Test
    void aRetryIsNotAConflictAndNamesNothing() {
        fixture.given(recorded(GIVER, PENDING))
               .when(recordWith(CATEGORY, new BigDecimal("5.000")))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(Recording.alreadyRecorded(PENDING))
               .expectNoEvents();
    }

    @Test
    void anotherRecorderUnderATakenIdIsAConflict() {
        fixture.given(recorded(GIVER, PENDING))
               .when(record(RECEIVER))
               .expectNoEvents()
               .expectException(ContributionIdConflict.class);
    }

    @Test
    void anotherDescriptionUnderATakenIdIsAConflict() {
        fixture.given(recorded(GIVER, PENDING))
               .when(new RecordContribution(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE, OCCURRED_AT,
                       DESCRIPTION, null, GIVER, RECEIVED_AT))
               .expectNoEvents()
               .expectException(ContributionIdConflict.class);
    }

    // --- confirming ---------------------------------------------------------------------------------

    @Test
    void receiverConfirmsPendingAct() {
        fixture.given(recorded(GIVER, PENDING))
               .when(new ConfirmContribution(COMMUNITY, ID, RECEIVER_ID))
               .expectEvents(confirmed());
    }

    @Test
    void giverCannotConfirm() {
        fixture.given(recorded(GIVER, PENDING))
               .when(new ConfirmContribution(COMMUNITY, ID, GIVER_ID))
               .expectNoEvents()
               .expectException(OnlyReceiverMayConfirm.class);
    }

    @Test
    void strangerCannotConfirm() {
        fixture.given(recorded(GIVER, PENDING))
               .when(new ConfirmContribution(COMMUNITY, ID, STRANGER))
               .expectNoEvents()
               .expectException(OnlyReceiverMayConfirm.class);
    }

    @Test
    void confirmingTwiceRecordsNothingTheSecondTime() {
        fixture.given(recorded(GIVER, PENDING), confirmed())
               .when(new ConfirmContribution(COMMUNITY, ID, RECEIVER_ID))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void confirmingAnActConfirmedAtRecordingRecordsNothing() {
        fixture.given(recorded(RECEIVER, CONFIRMED))
               .when(new ConfirmContribution(COMMUNITY, ID, RECEIVER_ID))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void receiverConfirmsDisputedAct() {
        fixture.given(recorded(GIVER, PENDING), disputed())
               .when(new ConfirmContribution(COMMUNITY, ID, RECEIVER_ID))
               .expectEvents(confirmed());
    }

    @Test
    void revokedActCannotBeConfirmed() {
        fixture.given(recorded(GIVER, PENDING), revoked(PENDING))
               .when(new ConfirmContribution(COMMUNITY, ID, RECEIVER_ID))
               .expectNoEvents()
               .expectException(ContributionAlreadyFinal.class);
    }

    @Test
    void confirmingAnActNeverRecordedFails() {
        fixture.givenNoPriorActivity()
               .when(new ConfirmContribution(COMMUNITY, ID, RECEIVER_ID))
               .expectNoEvents()
               .expectException(AggregateNotFoundException.class);
    }

    // --- disputing ----------------------------------------------------------------------------------

    @Test
    void receiverDisputesPendingAct() {
        fixture.given(recorded(GIVER, PENDING))
               .when(new DisputeContribution(COMMUNITY, ID, RECEIVER_ID, "never happened"))
               .expectEvents(disputed());
    }

    @Test
    void erasedReceiverCannotDisputeNorConfirm() {
        directory.erase(COMMUNITY, RECEIVER_ID);
        fixture.given(recorded(GIVER, PENDING))
               .when(new DisputeContribution(COMMUNITY, ID, RECEIVER_ID, "never happened"))
               .expectNoEvents()
               .expectException(MemberWasErased.class);
        fixture.given(recorded(GIVER, PENDING))
               .when(new ConfirmContribution(COMMUNITY, ID, RECEIVER_ID))
               .expectNoEvents()
               .expectException(MemberWasErased.class);
    }

    /** The act stays, and counts for the member the receiver was merged into; the merged name no longer decides. */
    @Test
    void mergedAwayReceiverCannotConfirmNorDispute() {
        directory.merge(COMMUNITY, STRANGER, RECEIVER_ID);
        fixture.given(recorded(GIVER, PENDING))
               .when(new ConfirmContribution(COMMUNITY, ID, RECEIVER_ID))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
        fixture.given(recorded(GIVER, PENDING))
               .when(new DisputeContribution(COMMUNITY, ID, RECEIVER_ID, "never happened"))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
    }

    @Test
    void theMemberAReceiverWasMergedIntoConfirmsForThem() {
        directory.merge(COMMUNITY, STRANGER, RECEIVER_ID);
        fixture.given(recorded(GIVER, PENDING))
               .when(new ConfirmContribution(COMMUNITY, ID, STRANGER))
               .expectEvents(new ContributionConfirmed(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE,
                       OCCURRED_AT, STRANGER));
    }

    @Test
    void theMemberARecorderWasMergedIntoRevokesForThem() {
        directory.merge(COMMUNITY, STRANGER, GIVER_ID);
        fixture.given(recorded(GIVER, PENDING))
               .when(new RevokeContribution(COMMUNITY, ID, STRANGER, "oops"))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void mergedAwayRecorderCannotRevoke() {
        directory.merge(COMMUNITY, STRANGER, GIVER_ID);
        fixture.given(recorded(GIVER, PENDING))
               .when(new RevokeContribution(COMMUNITY, ID, GIVER_ID, "oops"))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
    }

    @Test
    void erasedRecorderCannotRevoke() {
        directory.erase(COMMUNITY, GIVER_ID);
        fixture.given(recorded(GIVER, PENDING))
               .when(new RevokeContribution(COMMUNITY, ID, GIVER_ID, "oops"))
               .expectNoEvents()
               .expectException(MemberWasErased.class);
    }

    @Test
    void giverCannotDispute() {
        fixture.given(recorded(GIVER, PENDING))
               .when(new DisputeContribution(COMMUNITY, ID, GIVER_ID, "never happened"))
               .expectNoEvents()
               .expectException(OnlyReceiverMayDispute.class);
    }

    @Test
    void disputingTwiceRecordsNothingTheSecondTime() {
        fixture.given(recorded(GIVER, PENDING), disputed())
               .when(new DisputeContribution(COMMUNITY, ID, RECEIVER_ID, "still never happened"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void confirmedActCannotBeDisputed() {
        fixture.given(recorded(GIVER, PENDING), confirmed())
               .when(new DisputeContribution(COMMUNITY, ID, RECEIVER_ID, "changed my mind"))
               .expectNoEvents()
               .expectException(ContributionAlreadyFinal.class);
    }

    @Test
    void revokedActCannotBeDisputed() {
        fixture.given(recorded(GIVER, PENDING), revoked(PENDING))
               .when(new DisputeContribution(COMMUNITY, ID, RECEIVER_ID, "never happened"))
               .expectNoEvents()
               .expectException(ContributionAlreadyFinal.class);
    }

    // --- revoking -----------------------------------------------------------------------------------

    @Test
    void recorderRevokesPendingAct() {
        fixture.given(recorded(GIVER, PENDING))
               .when(new RevokeContribution(COMMUNITY, ID, GIVER_ID, "typo"))
               .expectEvents(revoked(PENDING));
    }

    @Test
    void recorderRevokesDisputedAct() {
        fixture.given(recorded(GIVER, PENDING), disputed())
               .when(new RevokeContribution(COMMUNITY, ID, GIVER_ID, "typo"))
               .expectEvents(revoked(DISPUTED));
    }

    @Test
    void receiverCannotRevokeWhatTheGiverRecorded() {
        fixture.given(recorded(GIVER, PENDING))
               .when(new RevokeContribution(COMMUNITY, ID, RECEIVER_ID, "typo"))
               .expectNoEvents()
               .expectException(OnlyRecorderMayRevoke.class);
    }

    @Test
    void giverCannotRevokeWhatTheReceiverRecorded() {
        fixture.given(recorded(RECEIVER, CONFIRMED))
               .when(new RevokeContribution(COMMUNITY, ID, GIVER_ID, "typo"))
               .expectNoEvents()
               .expectException(OnlyRecorderMayRevoke.class);
    }

    @Test
    void receiverWhoRecordedPassesTheRecorderCheckButTheActIsAlreadyFinal() {
        // The receiver is the recorder here; what stops them is finality, not the recorder rule.
        fixture.given(recorded(RECEIVER, CONFIRMED))
               .when(new RevokeContribution(COMMUNITY, ID, RECEIVER_ID, "typo"))
               .expectNoEvents()
               .expectException(ContributionAlreadyFinal.class);
    }

    @Test
    void confirmedActCannotBeRevoked() {
        fixture.given(recorded(GIVER, PENDING), confirmed())
               .when(new RevokeContribution(COMMUNITY, ID, GIVER_ID, "typo"))
               .expectNoEvents()
               .expectException(ContributionAlreadyFinal.class);
    }

    @Test
    void revokingTwiceRecordsNothingTheSecondTime() {
        fixture.given(recorded(GIVER, PENDING), revoked(PENDING))
               .when(new RevokeContribution(COMMUNITY, ID, GIVER_ID, "typo again"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    // --- acts a platform recorded (signed webhook deliveries) ----------------------------------------

    @Test
    void actRecordedByItsPlatformIsConfirmedAtOnce() {
        // COMMUNITY asks for confirmation: the platform's attestation is the confirmation.
        fixture.givenNoPriorActivity()
               .when(record(RecordedBy.PLATFORM))
               .expectResultMessagePayload(Recording.recordedNow(CONFIRMED))
               .expectEvents(recorded(RecordedBy.PLATFORM, CONFIRMED));
    }

    @Test
    void neitherSideRevokesAPlatformsAct() {
        for (String member : List.of(GIVER_ID, RECEIVER_ID)) {
            fixture.given(recorded(RecordedBy.PLATFORM, CONFIRMED))
                   .when(new RevokeContribution(COMMUNITY, ID, member, "not me"))
                   .expectNoEvents()
                   .expectException(PlatformActChangedOnlyByItsPlatform.class);
        }
    }

    @Test
    void neitherSideCorrectsAPlatformsAct() {
        for (String member : List.of(GIVER_ID, RECEIVER_ID)) {
            fixture.given(recorded(RecordedBy.PLATFORM, CONFIRMED))
                   .when(new CorrectContribution(COMMUNITY, ID, member, new BigDecimal("9"), null, "worth more"))
                   .expectNoEvents()
                   .expectException(PlatformActChangedOnlyByItsPlatform.class);
        }
    }

    @Test
    void aPlatformsActIsReversedWhenThePlatformTakesItBack() {
        fixture.given(recorded(RecordedBy.PLATFORM, CONFIRMED))
               .when(new ReverseContribution(COMMUNITY, ID, "Slack: the reaction was removed"))
               .expectEvents(new ContributionReversed(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE, OCCURRED_AT,
                       "Slack: the reaction was removed"));
    }

    // --- every later event repeats the act, so projections never look it up ----------------------

    private static final Instant OTHER_OCCURRED_AT = Instant.parse("2025-02-14T08:30:00Z");
    private static final BigDecimal OTHER_VALUE = new BigDecimal("42.125");

    private static ContributionRecorded recordedAdvice() {
        return new ContributionRecorded(COMMUNITY, ID, RECEIVER_ID, STRANGER, "advice", OTHER_VALUE,
                OTHER_OCCURRED_AT, DESCRIPTION, EVIDENCE, GIVER, PENDING);
    }

    @Test
    void confirmedEventCarriesTheWholeAct() {
        fixture.given(recordedAdvice())
               .when(new ConfirmContribution(COMMUNITY, ID, STRANGER))
               .expectEvents(new ContributionConfirmed(COMMUNITY, ID, RECEIVER_ID, STRANGER, "advice", OTHER_VALUE,
                       OTHER_OCCURRED_AT, STRANGER));
    }

    @Test
    void disputedEventCarriesTheWholeAct() {
        fixture.given(recordedAdvice())
               .when(new DisputeContribution(COMMUNITY, ID, STRANGER, "not like that"))
               .expectEvents(new ContributionDisputed(COMMUNITY, ID, RECEIVER_ID, STRANGER, "advice", OTHER_VALUE,
                       OTHER_OCCURRED_AT, STRANGER, "not like that"));
    }

    @Test
    void revokedEventCarriesTheWholeAct() {
        fixture.given(recordedAdvice())
               .when(new RevokeContribution(COMMUNITY, ID, RECEIVER_ID, null))
               .expectEvents(new ContributionRevoked(COMMUNITY, ID, RECEIVER_ID, STRANGER, "advice", OTHER_VALUE,
                       OTHER_OCCURRED_AT, RECEIVER_ID, null, PENDING));
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static RecordContribution record(RecordedBy recordedBy) {
        return new RecordContribution(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE, OCCURRED_AT, null, null,
                recordedBy, RECEIVED_AT);
    }

    private static RecordContribution recordWith(String category, BigDecimal value) {
        return new RecordContribution(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, category, value, OCCURRED_AT, null, null,
                GIVER, RECEIVED_AT);
    }

    private static RecordContribution recordBetween(String giver, String receiver) {
        return new RecordContribution(COMMUNITY, ID, giver, receiver, CATEGORY, VALUE, OCCURRED_AT, null, null, GIVER,
                RECEIVED_AT);
    }

    private static ContributionRecorded recorded(RecordedBy recordedBy, ContributionStatus status) {
        return new ContributionRecorded(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE, OCCURRED_AT, null, null,
                recordedBy, status);
    }

    private static ContributionRecorded recordedWith(BigDecimal value) {
        return new ContributionRecorded(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, value, OCCURRED_AT, null, null,
                GIVER, PENDING);
    }

    /** Each of these repeats the full act (giver, receiver, category, value, occurredAt); expectEvents compares every field. */
    private static ContributionConfirmed confirmed() {
        return new ContributionConfirmed(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE, OCCURRED_AT,
                RECEIVER_ID);
    }

    private static ContributionDisputed disputed() {
        return new ContributionDisputed(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE, OCCURRED_AT,
                RECEIVER_ID, "never happened");
    }

    private static ContributionRevoked revoked(ContributionStatus previousStatus) {
        return new ContributionRevoked(COMMUNITY, ID, GIVER_ID, RECEIVER_ID, CATEGORY, VALUE, OCCURRED_AT, GIVER_ID,
                "typo", previousStatus);
    }
}
