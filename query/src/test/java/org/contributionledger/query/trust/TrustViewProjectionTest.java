package org.contributionledger.query.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;

import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.core.trust.TrustWithdrawn;
import org.contributionledger.query.Sql;
import org.contributionledger.query.directory.ProjectionTestLedger;
import org.contributionledger.query.stats.CommunityStats;
import org.contributionledger.query.stats.FindCommunityStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trust view has no query of its own: community stats read it, and so does this test, row by
 * row, to see exactly which declarations are in force.
 */
class TrustViewProjectionTest {

    private static final String C = "garden";

    private ProjectionTestLedger ledger;
    private TrustViewProjection trust;

    record Row(String truster, String trustee, String category, int level, String note, Instant declaredAt) {
    }

    @BeforeEach
    void setUp() {
        ledger = ProjectionTestLedger.create();
        trust = ledger.trust();
        ledger.community(C, "alice", "bob", "carol");
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    private List<Row> rows() {
        return ledger.jdbc().query("""
                        SELECT truster, trustee, category, trust_level, note, declared_at FROM trust_view
                        WHERE community_id = ? ORDER BY truster, trustee, category""",
                (row, i) -> new Row(row.getString(1), row.getString(2), row.getString(3), row.getInt(4),
                        row.getString(5), Sql.instant(row, 6)), C);
    }

    private CommunityStats stats() {
        return ledger.stats().handle(new FindCommunityStats(C)).orElseThrow();
    }

    @Test
    void declarationForAllCategoriesIsStoredUnderTheStar() {
        Instant at = Instant.parse("2024-12-01T10:00:00Z");
        trust.on(new TrustDeclared(C, "alice", "bob", null, 6, "Reliable", at));

        assertThat(rows()).containsExactly(new Row("alice", "bob", TrustViewProjection.ALL_CATEGORIES, 6, "Reliable", at));
        assertThat(stats().positiveTrustDeclarations()).isEqualTo(1);
    }

    @Test
    void newDeclarationReplacesTheOneInForce() {
        Instant first = Instant.parse("2024-12-01T10:00:00Z");
        Instant second = Instant.parse("2024-12-05T10:00:00Z");
        trust.on(new TrustDeclared(C, "alice", "bob", null, 6, "Reliable", first));
        trust.on(new TrustDeclared(C, "alice", "bob", null, -4, null, second));

        assertThat(rows()).containsExactly(new Row("alice", "bob", "*", -4, null, second));
        assertThat(stats().positiveTrustDeclarations()).isZero();
        assertThat(stats().negativeTrustDeclarations()).isEqualTo(1);
    }

    @Test
    void declarationsPerCategoryAndForAllCategoriesAreKeptApart() {
        Instant at = Instant.parse("2024-12-01T10:00:00Z");
        trust.on(new TrustDeclared(C, "alice", "bob", null, 2, null, at));
        trust.on(new TrustDeclared(C, "alice", "bob", "help", 9, null, at));
        trust.on(new TrustDeclared(C, "alice", "bob", "advice", -1, null, at));
        trust.on(new TrustDeclared(C, "bob", "alice", "help", 3, null, at));

        assertThat(rows()).extracting(Row::truster, Row::trustee, Row::category, Row::level).containsExactly(
                tuple("alice", "bob", "*", 2),
                tuple("alice", "bob", "advice", -1),
                tuple("alice", "bob", "help", 9),
                tuple("bob", "alice", "help", 3));
        assertThat(stats().positiveTrustDeclarations()).isEqualTo(3);
        assertThat(stats().negativeTrustDeclarations()).isEqualTo(1);
    }

    @Test
    void withdrawalRemovesOnlyThatCategorysDeclaration() {
        Instant at = Instant.parse("2024-12-01T10:00:00Z");
        trust.on(new TrustDeclared(C, "alice", "bob", null, 2, null, at));
        trust.on(new TrustDeclared(C, "alice", "bob", "help", 9, null, at));

        trust.on(new TrustWithdrawn(C, "alice", "bob", "help", 9, at.plusSeconds(60)));
        assertThat(rows()).extracting(Row::category).containsExactly("*");

        trust.on(new TrustWithdrawn(C, "alice", "bob", null, 2, at.plusSeconds(120)));
        assertThat(rows()).isEmpty();
        assertThat(stats().positiveTrustDeclarations()).isZero();
    }

    @Test
    void withdrawingWhatIsNotInForceChangesNothing() {
        Instant at = Instant.parse("2024-12-01T10:00:00Z");
        trust.on(new TrustDeclared(C, "alice", "bob", null, 2, null, at));

        trust.on(new TrustWithdrawn(C, "bob", "alice", null, 0, at));
        trust.on(new TrustWithdrawn(C, "alice", "bob", "help", 0, at));
        trust.on(new TrustWithdrawn("choir", "alice", "bob", null, 2, at));

        assertThat(rows()).hasSize(1);
    }

    @Test
    void declarationsAreScopedToTheirCommunity() {
        ledger.community("choir", "alice", "bob");
        Instant at = Instant.parse("2024-12-01T10:00:00Z");
        trust.on(new TrustDeclared("choir", "alice", "bob", null, 2, null, at));

        assertThat(rows()).isEmpty();
        assertThat(stats().positiveTrustDeclarations()).isZero();
        assertThat(ledger.stats().handle(new FindCommunityStats("choir")).orElseThrow().positiveTrustDeclarations()).isEqualTo(1);
    }

    @Test
    void resetEmptiesTheView() {
        trust.on(new TrustDeclared(C, "alice", "bob", null, 2, null, Instant.parse("2024-12-01T10:00:00Z")));

        trust.reset();

        assertThat(rows()).isEmpty();
    }
}
