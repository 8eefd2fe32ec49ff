package org.contributionledger.core.trust;

import org.contributionledger.core.common.Recording;
import java.time.Duration;
import java.time.Instant;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.contributionledger.core.common.InMemoryDirectory;
import org.contributionledger.core.common.MemberNotActive;
import org.contributionledger.core.common.OccurredInFuture;
import org.contributionledger.core.common.UnknownCommunity;
import org.contributionledger.core.common.MemberWasMerged;
import org.contributionledger.core.common.UnknownMember;
import org.contributionledger.core.contribution.UnknownCategory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrustTest {

    private static final String COMMUNITY = "makers";
    private static final String TRUSTER = "alice";
    private static final String TRUSTEE = "bob";
    private static final String CATEGORY = "advice";
    private static final Instant RECEIVED_AT = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant DECLARED_AT = RECEIVED_AT.minus(Duration.ofHours(1));
    private static final Instant LATER = DECLARED_AT.plus(Duration.ofMinutes(10));

    private FixtureConfiguration<Trust> fixture;
    private InMemoryDirectory directory;

    @BeforeEach
    void setUp() {
        directory = new InMemoryDirectory()
                .withCommunity(COMMUNITY)
                .withMembers(COMMUNITY, TRUSTER, TRUSTEE)
                .withCommunity("bakers")
                .withMembers("bakers", "dave");
        fixture = new AggregateTestFixture<>(Trust.class);
        fixture.registerInjectableResource(directory);
    }

    @Test
    void memberDeclaresTrustInAnother() {
        fixture.givenNoPriorActivity()
               .when(declare(CATEGORY, 7, "good advice"))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(Recording.recordedNow(null))
               .expectEvents(declared(CATEGORY, 7, "good advice"));
    }

    @Test
    void cannotTrustOneself() {
        fixture.givenNoPriorActivity()
               .when(new DeclareTrust(COMMUNITY, TRUSTER, TRUSTER, CATEGORY, 5, null, DECLARED_AT, RECEIVED_AT))
               .expectNoEvents()
               .expectException(SelfTrustNotAllowed.class);
    }

    // --- level --------------------------------------------------------------------------------------

    @Test
    void fullDistrustIsAccepted() {
        fixture.givenNoPriorActivity()
               .when(declare(CATEGORY, -10, null))
               .expectEvents(declared(CATEGORY, -10, null));
    }

    @Test
    void fullTrustIsAccepted() {
        fixture.givenNoPriorActivity()
               .when(declare(CATEGORY, 10, null))
               .expectEvents(declared(CATEGORY, 10, null));
    }

    @Test
    void levelBelowMinusTenIsRefused() {
        fixture.givenNoPriorActivity()
               .when(declare(CATEGORY, -11, null))
               .expectNoEvents()
               .expectException(TrustLevelOutOfRange.class);
    }

    @Test
    void levelAboveTenIsRefused() {
        fixture.givenNoPriorActivity()
               .when(declare(CATEGORY, 11, null))
               .expectNoEvents()
               .expectException(TrustLevelOutOfRange.class);
    }

    // --- category -----------------------------------------------------------------------------------

    @Test
    void trustWithoutCategoryAppliesToAllAndIsAccepted() {
        fixture.givenNoPriorActivity()
               .when(declare(null, 3, null))
               .expectEvents(declared(null, 3, null));
    }

    @Test
    void categoryTheCommunityLacksIsRefused() {
        fixture.givenNoPriorActivity()
               .when(declare("code-review", 3, null))
               .expectNoEvents()
               .expectException(UnknownCategory.class);
    }

    // --- who may take part ---------------------------------------------------------------------------

    @Test
    void unregisteredTrusterIsRefused() {
        fixture.givenNoPriorActivity()
               .when(declareBetween("nobody", TRUSTEE))
               .expectNoEvents()
               .expectException(UnknownMember.class);
    }

    @Test
    void unregisteredTrusteeIsRefused() {
        fixture.givenNoPriorActivity()
               .when(declareBetween(TRUSTER, "nobody"))
               .expectNoEvents()
               .expectException(UnknownMember.class);
    }

    @Test
    void trusteeFromAnotherCommunityIsUnknown() {
        fixture.givenNoPriorActivity()
               .when(declareBetween(TRUSTER, "dave"))
               .expectNoEvents()
               .expectException(UnknownMember.class);
    }

    @Test
    void suspendedTrusterCannotDeclareTrust() {
        directory.suspend(COMMUNITY, TRUSTER);
        fixture.givenNoPriorActivity()
               .when(declare(CATEGORY, 5, null))
               .expectNoEvents()
               .expectException(MemberNotActive.class);
    }

    @Test
    void suspendedTrusteeCannotBeTrusted() {
        directory.suspend(COMMUNITY, TRUSTEE);
        fixture.givenNoPriorActivity()
               .when(declare(CATEGORY, 5, null))
               .expectNoEvents()
               .expectException(MemberNotActive.class);
    }

    @Test
    void trustInAnUnknownCommunityIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new DeclareTrust("nowhere", TRUSTER, TRUSTEE, null, 5, null, DECLARED_AT, RECEIVED_AT))
               .expectNoEvents()
               .expectException(UnknownCommunity.class);
    }

    // --- time -----------------------------------------------------------------------------------------

    @Test
    void declarationUpToFiveMinutesAheadOfArrivalIsAcceptedAndDatedAtArrival() {
        Instant declaredAt = RECEIVED_AT.plus(Duration.ofMinutes(5));
        // Clock skew is tolerated, not recorded: a later declaration must not look older than this one.
        fixture.givenNoPriorActivity()
               .when(new DeclareTrust(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, 5, null, declaredAt, RECEIVED_AT))
               .expectEvents(new TrustDeclared(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, 5, null, RECEIVED_AT));
    }

    @Test
    void declarationMoreThanFiveMinutesAheadOfArrivalIsRefused() {
        Instant declaredAt = RECEIVED_AT.plus(Duration.ofMinutes(5)).plusSeconds(1);
        fixture.givenNoPriorActivity()
               .when(new DeclareTrust(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, 5, null, declaredAt, RECEIVED_AT))
               .expectNoEvents()
               .expectException(OccurredInFuture.class);
    }

    @Test
    void declarationWithoutTimeIsDeclaredWhenItArrived() {
        fixture.givenNoPriorActivity()
               .when(new DeclareTrust(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, 5, null, null, RECEIVED_AT))
               .expectEvents(new TrustDeclared(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, 5, null, RECEIVED_AT));
    }

    // --- only the latest declaration is in force ---------------------------------------------------------

    @Test
    void sameDeclarationAgainRecordsNothing() {
        fixture.given(declared(CATEGORY, 7, "good advice"))
               .when(new DeclareTrust(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, 7, "good advice",
                       DECLARED_AT.plusSeconds(60), RECEIVED_AT.plusSeconds(60)))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(Recording.alreadyRecorded(null))
               .expectNoEvents();
    }

    @Test
    void anotherLevelIsANewDeclaration() {
        fixture.given(declared(CATEGORY, 7, "good advice"))
               .when(declareAt(CATEGORY, 2, "good advice", LATER))
               .expectEvents(declaredAt(CATEGORY, 2, "good advice", LATER));
    }

    @Test
    void anotherNoteIsANewDeclaration() {
        fixture.given(declared(CATEGORY, 7, "good advice"))
               .when(declareAt(CATEGORY, 7, "great advice", LATER))
               .expectEvents(declaredAt(CATEGORY, 7, "great advice", LATER));
    }

    @Test
    void trustInForceIsWithdrawnWithItsLevel() {
        fixture.given(declared(CATEGORY, 7, null))
               .when(new WithdrawTrust(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, RECEIVED_AT))
               .expectEvents(new TrustWithdrawn(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, 7, RECEIVED_AT));
    }

    @Test
    void withdrawnTrustCarriesTheLatestLevel() {
        fixture.given(declared(null, 7, null), declared(null, -4, null))
               .when(new WithdrawTrust(COMMUNITY, TRUSTER, TRUSTEE, null, RECEIVED_AT))
               .expectEvents(new TrustWithdrawn(COMMUNITY, TRUSTER, TRUSTEE, null, -4, RECEIVED_AT));
    }

    @Test
    void withdrawingAgainRecordsNothing() {
        fixture.given(declared(CATEGORY, 7, null),
                      new TrustWithdrawn(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, 7, RECEIVED_AT))
               .when(new WithdrawTrust(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, RECEIVED_AT.plusSeconds(1)))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void mergedAwayTrusterCannotDeclareTrust() {
        directory.withMember(COMMUNITY, "carol").merge(COMMUNITY, "carol", TRUSTER);
        fixture.givenNoPriorActivity()
               .when(declare(CATEGORY, 5, null))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
    }

    @Test
    void mergedAwayTrusteeCannotBeTrusted() {
        directory.withMember(COMMUNITY, "carol").merge(COMMUNITY, "carol", TRUSTEE);
        fixture.givenNoPriorActivity()
               .when(declare(CATEGORY, 5, null))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
    }

    @Test
    void trustInAMergedAwayMemberIsNotWithdrawnUnderTheGoneName() {
        directory.withMember(COMMUNITY, "carol").merge(COMMUNITY, "carol", TRUSTEE);
        fixture.given(declared(CATEGORY, 7, null))
               .when(new WithdrawTrust(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, RECEIVED_AT))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
    }

    @Test
    void aMergedAwayMemberCannotWithdrawTrust() {
        directory.withMember(COMMUNITY, "carol").merge(COMMUNITY, "carol", TRUSTEE);
        fixture.givenNoPriorActivity()
               .when(new WithdrawTrust(COMMUNITY, TRUSTEE, TRUSTER, CATEGORY, RECEIVED_AT))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
    }

    @Test
    void withdrawingTrustInAnUnknownTrusteeIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new WithdrawTrust(COMMUNITY, TRUSTER, "mallory", null, RECEIVED_AT))
               .expectNoEvents()
               .expectException(UnknownMember.class);
    }

    @Test
    void withdrawingTrustByAnUnknownTrusterIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new WithdrawTrust(COMMUNITY, "mallory", TRUSTEE, null, RECEIVED_AT))
               .expectNoEvents()
               .expectException(UnknownMember.class);
    }

    @Test
    void withdrawingTrustInAnUnknownCommunityIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new WithdrawTrust("nowhere", TRUSTER, TRUSTEE, null, RECEIVED_AT))
               .expectNoEvents()
               .expectException(UnknownCommunity.class);
    }

    @Test
    void withdrawingTrustForAnUnknownCategoryIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new WithdrawTrust(COMMUNITY, TRUSTER, TRUSTEE, "bribery", RECEIVED_AT))
               .expectNoEvents()
               .expectException(UnknownCategory.class);
    }

    @Test
    void trustInASuspendedMemberCanStillBeWithdrawn() {
        directory.suspend(COMMUNITY, TRUSTEE);
        fixture.given(declared(CATEGORY, 7, null))
               .when(new WithdrawTrust(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, RECEIVED_AT))
               .expectEvents(new TrustWithdrawn(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, 7, RECEIVED_AT));
    }

    @Test
    void sameDeclarationAfterWithdrawalIsInForceAgain() {
        Instant afterWithdrawal = RECEIVED_AT.plusSeconds(60);
        fixture.given(declared(CATEGORY, 7, "good advice"),
                      new TrustWithdrawn(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, 7, RECEIVED_AT))
               .when(new DeclareTrust(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, 7, "good advice", null, afterWithdrawal))
               .expectEvents(declaredAt(CATEGORY, 7, "good advice", afterWithdrawal));
    }

    // --- "latest" is latest by declaredAt: an older declaration never rolls a tie back -------------------

    @Test
    void declarationDatedBeforeTheOneInForceChangesNothing() {
        fixture.given(declared(CATEGORY, 7, null))
               .when(declareAt(CATEGORY, 2, null, DECLARED_AT.minusSeconds(1)))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void declarationDatedAtTheSameMomentAsTheOneInForceReplacesIt() {
        fixture.given(declared(CATEGORY, 7, null))
               .when(declareAt(CATEGORY, 2, null, DECLARED_AT))
               .expectEvents(declaredAt(CATEGORY, 2, null, DECLARED_AT));
    }

    @Test
    void declarationDatedBeforeTheWithdrawalChangesNothing() {
        fixture.given(declared(CATEGORY, 7, null),
                      new TrustWithdrawn(COMMUNITY, TRUSTER, TRUSTEE, CATEGORY, 7, RECEIVED_AT))
               .when(declareAt(CATEGORY, 7, null, RECEIVED_AT.minusSeconds(1)))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static DeclareTrust declare(String category, int level, String note) {
        return new DeclareTrust(COMMUNITY, TRUSTER, TRUSTEE, category, level, note, DECLARED_AT, RECEIVED_AT);
    }

    private static DeclareTrust declareAt(String category, int level, String note, Instant declaredAt) {
        return new DeclareTrust(COMMUNITY, TRUSTER, TRUSTEE, category, level, note, declaredAt, RECEIVED_AT);
    }

    private static DeclareTrust declareBetween(String truster, String trustee) {
        return new DeclareTrust(COMMUNITY, truster, trustee, null, 5, null, DECLARED_AT, RECEIVED_AT);
    }

    private static TrustDeclared declared(String category, int level, String note) {
        return declaredAt(category, level, note, DECLARED_AT);
    }

    private static TrustDeclared declaredAt(String category, int level, String note, Instant declaredAt) {
        return new TrustDeclared(COMMUNITY, TRUSTER, TRUSTEE, category, level, note, declaredAt);
    }
}
