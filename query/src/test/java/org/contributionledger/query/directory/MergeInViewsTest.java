package org.contributionledger.query.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.contributionledger.core.member.MemberErased;
import org.contributionledger.core.member.MembersMerged;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.query.reciprocity.FindReciprocity;
import org.contributionledger.query.reciprocity.Reciprocity;
import org.contributionledger.query.statement.FindStatement;
import org.contributionledger.query.statement.StatementEntry;
import org.contributionledger.query.trust.FindTrust;
import org.contributionledger.query.trust.TrustTie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A merge in the SQL views: the merged member's acts and ties become the staying member's. */
class MergeInViewsTest {

    private static final String C = "garden";
    private static final Instant WHEN = Instant.parse("2025-01-10T12:00:00Z");

    private ProjectionTestLedger ledger;

    @BeforeEach
    void setUp() {
        ledger = ProjectionTestLedger.create();
        ledger.community(C, "alice", "bob", "carol", "dave");
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void theMergedMembersActsCountForTheStayingMemberAndActsBetweenTheTwoForNobody() {
        ledger.give(C, "alice-carol", "alice", "carol", "2", WHEN);
        ledger.give(C, "bob-carol", "bob", "carol", "3", WHEN.plusSeconds(1));
        ledger.give(C, "carol-bob", "carol", "bob", "4", WHEN.plusSeconds(2));
        ledger.give(C, "bob-alice", "bob", "alice", "5", WHEN.plusSeconds(3));

        merge("alice", "bob");

        assertThat(ledger.directory().findMember(C, "bob").orElseThrow().mergedInto()).isEqualTo("alice");
        assertThat(ledger.directory().handle(new FindMember(C, "bob")).orElseThrow().mergedInto()).isEqualTo("alice");
        assertThat(ledger.directory().countMembers(C, false)).isEqualTo(3);
        var entries = ledger.statements().handle(new FindStatement(C, "alice", null, 50)).entries();
        assertThat(entries).extracting(StatementEntry::contributionId)
                .containsExactly("bob-alice", "carol-bob", "bob-carol", "alice-carol");
        assertThat(entries).extracting(StatementEntry::direction).containsExactly(StatementEntry.Direction.GIVEN,
                StatementEntry.Direction.RECEIVED, StatementEntry.Direction.GIVEN, StatementEntry.Direction.GIVEN);
        assertThat(entries.get(2).giver()).as("the act keeps the id it was recorded with").isEqualTo("bob");
        assertThat(ledger.statements().handle(new FindStatement(C, "bob", null, 50)).entries()).isEmpty();

        Reciprocity alice = ledger.reciprocity().handle(new FindReciprocity(C, "alice")).orElseThrow();
        assertThat(alice.given().count()).isEqualTo(2);
        assertThat(alice.given().value()).isEqualByComparingTo(new BigDecimal("5"));
        assertThat(alice.received().count()).isEqualTo(1);
        assertThat(alice.distinctPartners()).isEqualTo(1);
        assertThat(alice.mutualPartners()).isEqualTo(1);
    }

    @Test
    void aMemberMergedIntoTheMergedOneFollowsItIntoTheStayingOne() {
        ledger.give(C, "dave-carol", "dave", "carol", "1", WHEN);
        merge("bob", "dave");
        merge("alice", "bob");

        assertThat(ledger.directory().findMember(C, "dave").orElseThrow().mergedInto()).isEqualTo("alice");
        assertThat(ledger.statements().handle(new FindStatement(C, "alice", null, 50)).entries())
                .extracting(StatementEntry::contributionId).containsExactly("dave-carol");
    }

    @Test
    void theMostRecentOfTwoDeclarationsStandsAndTrustBetweenTheTwoGoes() {
        Instant earlier = ledger.tick();
        Instant later = ledger.tick();
        ledger.trust().on(new TrustDeclared(C, "alice", "carol", null, 2, "alice's note", earlier));
        ledger.trust().on(new TrustDeclared(C, "bob", "carol", null, 7, "bob's note", later));
        ledger.trust().on(new TrustDeclared(C, "carol", "alice", null, 4, null, later));
        ledger.trust().on(new TrustDeclared(C, "carol", "bob", null, 1, null, earlier));
        ledger.trust().on(new TrustDeclared(C, "bob", "dave", "help", 3, "bob on dave", earlier));
        ledger.trust().on(new TrustDeclared(C, "alice", "bob", null, 9, null, earlier));

        merge("alice", "bob");

        assertThat(tie("alice", "carol", null).level()).isEqualTo(7);
        assertThat(tie("alice", "carol", null).note()).isEqualTo("bob's note");
        assertThat(tie("carol", "alice", null).level()).isEqualTo(4);
        assertThat(tie("alice", "dave", "help").level()).isEqualTo(3);
        assertThat(ledger.trust().handle(new FindTrust(C, "bob", "carol", null))).isEmpty();
        assertThat(ledger.trust().handle(new FindTrust(C, "carol", "bob", null))).isEmpty();
        assertThat(ledger.trust().handle(new FindTrust(C, "alice", "bob", null))).isEmpty();

        // Erasing the merged member forgets the notes they wrote, wherever the merge moved them.
        ledger.trust().on(new MemberErased(C, "bob"));
        assertThat(tie("alice", "carol", null).note()).isNull();
        assertThat(tie("alice", "dave", "help").note()).isNull();
        assertThat(tie("alice", "carol", null).level()).isEqualTo(7);
    }

    private TrustTie tie(String truster, String trustee, String category) {
        return ledger.trust().handle(new FindTrust(C, truster, trustee, category)).orElseThrow();
    }

    private void merge(String staying, String merged) {
        MembersMerged event = new MembersMerged(C, staying, merged);
        ledger.directory().on(event);
        ledger.contributions().on(event);
        ledger.trust().on(event);
    }
}
