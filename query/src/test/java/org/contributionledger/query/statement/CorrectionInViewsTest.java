package org.contributionledger.query.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.contributionledger.query.directory.ProjectionTestLedger;
import org.contributionledger.query.reciprocity.FindReciprocity;
import org.contributionledger.query.reciprocity.Reciprocity;
import org.contributionledger.query.stats.CommunityStats;
import org.contributionledger.query.stats.FindCommunityStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After a correction, the statement, reciprocity and stats show the act with its corrected figures;
 * after a reversal, the statement shows it reversed and nothing else counts it.
 */
class CorrectionInViewsTest {

    private static final String C = "garden";
    private static final Instant WHEN = Instant.parse("2025-01-10T12:00:00Z");

    private ProjectionTestLedger ledger;

    @BeforeEach
    void setUp() {
        ledger = ProjectionTestLedger.create();
        ledger.community(C, "alice", "bob");
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void theViewsShowTheCorrectedFigures() {
        ledger.give(C, "act-1", "alice", "bob", "10", WHEN);
        ledger.give(C, "act-2", "bob", "alice", "3", WHEN);
        assertThat(reciprocity("alice").given().value()).isEqualByComparingTo("10");

        ledger.correct(C, "act-1", "advice", "4.5");

        StatementEntry entry = ledger.statements().handle(new FindContribution(C, "act-1")).orElseThrow();
        assertThat(entry.category()).isEqualTo("advice");
        assertThat(entry.value()).isEqualByComparingTo("4.5");
        assertThat(entry.status()).isEqualTo("CONFIRMED");
        Reciprocity alice = reciprocity("alice");
        assertThat(alice.given().count()).isEqualTo(1);
        assertThat(alice.given().value()).isEqualByComparingTo("4.5");
        assertThat(reciprocity("bob").received().value()).isEqualByComparingTo("4.5");
        CommunityStats stats = ledger.stats().handle(new FindCommunityStats(C)).orElseThrow();
        assertThat(stats.confirmedValue()).isEqualByComparingTo("7.5");
        assertThat(stats.acts().get("confirmed")).isEqualTo(2);
    }

    @Test
    void aReversedActStaysInTheStatementAndCountsNowhereElse() {
        ledger.give(C, "act-1", "alice", "bob", "10", WHEN);
        ledger.give(C, "act-2", "bob", "alice", "3", WHEN);
        ledger.correct(C, "act-1", "advice", "4.5");

        ledger.reverse(C, "act-1", "Recorded twice");

        StatementEntry entry = ledger.statements().handle(new FindContribution(C, "act-1")).orElseThrow();
        assertThat(entry.status()).isEqualTo("REVERSED");
        assertThat(entry.statusReason()).isEqualTo("Recorded twice");
        assertThat(entry.value()).isEqualByComparingTo("4.5");
        Reciprocity alice = reciprocity("alice");
        assertThat(alice.given().count()).isZero();
        assertThat(alice.received().value()).isEqualByComparingTo("3");
        assertThat(reciprocity("bob").received().count()).isZero();
        CommunityStats stats = ledger.stats().handle(new FindCommunityStats(C)).orElseThrow();
        assertThat(stats.confirmedValue()).isEqualByComparingTo("3");
        assertThat(stats.acts()).containsEntry("confirmed", 1L).containsEntry("reversed", 1L);
    }

    private Reciprocity reciprocity(String member) {
        return ledger.reciprocity().handle(new FindReciprocity(C, member)).orElseThrow();
    }
}
