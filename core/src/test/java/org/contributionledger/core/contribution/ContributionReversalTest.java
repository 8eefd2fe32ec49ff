package org.contributionledger.core.contribution;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.contributionledger.core.contribution.ContributionStatus.CONFIRMED;
import static org.contributionledger.core.contribution.ContributionStatus.DISPUTED;
import static org.contributionledger.core.contribution.ContributionStatus.PENDING;
import static org.contributionledger.core.contribution.RecordedBy.GIVER;

import java.math.BigDecimal;
import java.time.Instant;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.contributionledger.core.common.InMemoryDirectory;
import org.contributionledger.core.common.InvalidField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The administrator's reversal of a confirmed act: a new event with the figures it takes out,
 * never an edit. One test per rule, and its refusal.
 */
class ContributionReversalTest {

    private static final String COMMUNITY = "makers";
    private static final String ID = "act-1";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final Instant OCCURRED_AT = Instant.parse("2025-02-28T12:00:00Z");
    private static final BigDecimal FIVE = new BigDecimal("5");
    private static final BigDecimal THREE = new BigDecimal("3");
    private static final String REASON = "Recorded twice by the platform";

    private FixtureConfiguration<Contribution> fixture;

    @BeforeEach
    void setUp() {
        InMemoryDirectory directory = new InMemoryDirectory().withCommunity(COMMUNITY).withMembers(COMMUNITY, ALICE, BOB);
        fixture = new AggregateTestFixture<>(Contribution.class);
        fixture.registerInjectableResource(directory);
    }

    @Test
    void aConfirmedActIsReversedWithTheFiguresItCounted() {
        fixture.given(act(CONFIRMED))
               .when(reverse())
               .expectEvents(reversed("help", FIVE));
    }

    @Test
    void aCorrectedActIsReversedWithItsCorrectedFigures() {
        fixture.given(act(CONFIRMED), new ContributionCorrected(COMMUNITY, ID, ALICE, BOB, OCCURRED_AT, "help", FIVE,
                       "advice", THREE, ALICE, BOB, "Wrong category"))
               .when(reverse())
               .expectEvents(reversed("advice", THREE));
    }

    @Test
    void reversingAgainIsARetryThatRecordsNothing() {
        fixture.given(act(CONFIRMED), reversed("help", FIVE))
               .when(reverse())
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void onlyAConfirmedActIsReversed() {
        fixture.given(act(PENDING))
               .when(reverse())
               .expectException(OnlyConfirmedActMayBeReversed.class);
        fixture.given(act(PENDING), new ContributionDisputed(COMMUNITY, ID, ALICE, BOB, "help", FIVE, OCCURRED_AT, BOB, null))
               .when(reverse())
               .expectException(OnlyConfirmedActMayBeReversed.class);
        fixture.given(act(PENDING), new ContributionRevoked(COMMUNITY, ID, ALICE, BOB, "help", FIVE, OCCURRED_AT, ALICE,
                       null, PENDING))
               .when(reverse())
               .expectException(OnlyConfirmedActMayBeReversed.class);
    }

    @Test
    void aReversedActIsFinalForBothSides() {
        fixture.given(act(CONFIRMED), reversed("help", FIVE))
               .when(new RevokeContribution(COMMUNITY, ID, ALICE, null))
               .expectException(ContributionAlreadyFinal.class);
        fixture.given(act(CONFIRMED), reversed("help", FIVE))
               .when(new DisputeContribution(COMMUNITY, ID, BOB, null))
               .expectException(ContributionAlreadyFinal.class);
        fixture.given(act(CONFIRMED), reversed("help", FIVE))
               .when(new CorrectContribution(COMMUNITY, ID, ALICE, THREE, null, "Too late"))
               .expectException(OnlyConfirmedActMayBeCorrected.class);
    }

    @Test
    void aPendingCorrectionGoesWithTheReversal() {
        fixture.given(act(CONFIRMED), new ContributionCorrectionProposed(COMMUNITY, ID, ALICE, BOB, ALICE, "help", THREE,
                       "Counted twice"), reversed("help", FIVE))
               .when(new AcceptCorrection(COMMUNITY, ID, BOB))
               .expectException(NoCorrectionPending.class);
    }

    @Test
    void aReversalGivesAReason() {
        assertThatThrownBy(() -> new ReverseContribution(COMMUNITY, ID, " "))
                .isInstanceOf(InvalidField.class).hasMessageContaining("reason");
    }

    private static ContributionRecorded act(ContributionStatus status) {
        return new ContributionRecorded(COMMUNITY, ID, ALICE, BOB, "help", FIVE, OCCURRED_AT, null, null, GIVER, status);
    }

    private static ReverseContribution reverse() {
        return new ReverseContribution(COMMUNITY, ID, REASON);
    }

    private static ContributionReversed reversed(String category, BigDecimal value) {
        return new ContributionReversed(COMMUNITY, ID, ALICE, BOB, category, value, OCCURRED_AT, REASON);
    }
}
