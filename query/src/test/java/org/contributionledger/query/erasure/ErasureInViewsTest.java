package org.contributionledger.query.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberErased;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.query.directory.FindMember;
import org.contributionledger.query.directory.Member;
import org.contributionledger.query.directory.ProjectionTestLedger;
import org.contributionledger.query.reciprocity.FindReciprocity;
import org.contributionledger.query.reciprocity.Reciprocity;
import org.contributionledger.query.statement.FindContribution;
import org.contributionledger.query.statement.StatementEntry;
import org.contributionledger.query.stats.CommunityStats;
import org.contributionledger.query.stats.FindCommunityStats;
import org.contributionledger.query.trust.FindTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An erasure scrubs the member's texts from every SQL view and leaves every figure as it was. */
class ErasureInViewsTest {

    private static final String C = "garden";
    private static final Instant WHEN = Instant.parse("2025-01-10T12:00:00Z");

    private ProjectionTestLedger ledger;

    @BeforeEach
    void setUp() {
        ledger = ProjectionTestLedger.create();
        ledger.community(C, "alice", "bob", "carol");
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void theErasedMembersTextsGoAndTheirFiguresStay() {
        ledger.record(act("by-alice", "alice", "bob", RecordedBy.GIVER, ContributionStatus.PENDING));
        ledger.dispute(C, "by-alice", "bob's reason");
        ledger.record(act("for-alice", "bob", "alice", RecordedBy.RECEIVER, ContributionStatus.CONFIRMED));
        ledger.record(act("alice-disputes", "bob", "alice", RecordedBy.GIVER, ContributionStatus.PENDING));
        ledger.dispute(C, "alice-disputes", "alice's reason");
        ledger.record(act("alice-revokes", "alice", "carol", RecordedBy.GIVER, ContributionStatus.PENDING));
        ledger.revoke(C, "alice-revokes", "alice's revocation");
        ledger.record(act("bob-carol", "bob", "carol", RecordedBy.GIVER, ContributionStatus.CONFIRMED));
        ledger.trust().on(new TrustDeclared(C, "alice", "bob", null, 7, "alice's note", ledger.tick()));
        ledger.trust().on(new TrustDeclared(C, "bob", "alice", null, 5, "bob's note", ledger.tick()));
        Reciprocity aliceBefore = reciprocity("alice");
        Reciprocity bobBefore = reciprocity("bob");
        CommunityStats statsBefore = ledger.stats().handle(new FindCommunityStats(C)).orElseThrow();

        erase("alice");

        Member alice = ledger.directory().handle(new FindMember(C, "alice")).orElseThrow();
        assertThat(alice.displayName()).isNull();
        assertThat(alice.erased()).isTrue();
        assertThat(alice.active()).isTrue(); // standing, and with it every count, stays
        assertThat(ledger.directory().findMember(C, "alice").orElseThrow().erased()).isTrue();
        assertThat(ledger.directory().handle(new FindMember(C, "bob")).orElseThrow().displayName()).isEqualTo("bob name");

        // Alice recorded it: her description and evidence go; Bob's dispute reason is Bob's and stays.
        assertThat(texts(entry("by-alice"))).containsExactly(null, null, "bob's reason");
        // Alice received and recorded it: her texts go.
        assertThat(texts(entry("for-alice"))).containsExactly(null, null, null);
        // Bob recorded it, Alice disputed it: his texts stay, her reason goes.
        assertThat(texts(entry("alice-disputes"))).containsExactly("text of alice-disputes",
                "https://example.org/alice-disputes", null);
        assertThat(texts(entry("alice-revokes"))).containsExactly(null, null, null);
        assertThat(texts(entry("bob-carol"))).containsExactly("text of bob-carol", "https://example.org/bob-carol", null);
        assertThat(ledger.trust().handle(new FindTrust(C, "alice", "bob", null)).orElseThrow().note()).isNull();
        assertThat(ledger.trust().handle(new FindTrust(C, "bob", "alice", null)).orElseThrow().note()).isEqualTo("bob's note");

        assertThat(reciprocity("alice")).isEqualTo(aliceBefore);
        assertThat(reciprocity("bob")).isEqualTo(bobBefore);
        assertThat(ledger.stats().handle(new FindCommunityStats(C)).orElseThrow()).isEqualTo(statsBefore);
        assertThat(entry("alice-revokes").status()).isEqualTo("REVOKED");
    }

    @Test
    void erasingTwiceChangesNothingMore() {
        ledger.record(act("by-alice", "alice", "bob", RecordedBy.GIVER, ContributionStatus.CONFIRMED));
        erase("alice");
        Map<String, Object> once = ledger.jdbc().queryForMap("SELECT * FROM contribution_view");

        erase("alice");

        assertThat(ledger.jdbc().queryForMap("SELECT * FROM contribution_view")).isEqualTo(once);
    }

    private void erase(String member) {
        MemberErased event = new MemberErased(C, member);
        ledger.directory().on(event);
        ledger.contributions().on(event);
        ledger.trust().on(event);
    }

    private static ContributionRecorded act(String id, String giver, String receiver, RecordedBy recordedBy,
                                            ContributionStatus status) {
        return new ContributionRecorded(C, id, giver, receiver, "help", new BigDecimal("2"), WHEN, "text of " + id,
                "https://example.org/" + id, recordedBy, status);
    }

    private StatementEntry entry(String id) {
        return ledger.statements().handle(new FindContribution(C, id)).orElseThrow();
    }

    private static List<String> texts(StatementEntry entry) {
        return java.util.Arrays.asList(entry.description(), entry.evidenceUrl(), entry.statusReason());
    }

    private Reciprocity reciprocity(String member) {
        return ledger.reciprocity().handle(new FindReciprocity(C, member)).orElseThrow();
    }
}
