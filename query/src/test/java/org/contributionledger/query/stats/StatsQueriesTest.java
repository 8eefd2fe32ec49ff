package org.contributionledger.query.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;

import org.contributionledger.core.member.MemberSuspended;
import org.contributionledger.query.directory.ProjectionTestLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatsQueriesTest {

    private static final String C = "garden";
    private static final Instant WHEN = Instant.parse("2025-01-10T12:00:00Z");

    private ProjectionTestLedger ledger;
    private int acts;

    @BeforeEach
    void setUp() {
        ledger = ProjectionTestLedger.create();
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    private CommunityStats stats() {
        return stats(C);
    }

    private CommunityStats stats(String communityId) {
        return ledger.stats().handle(new FindCommunityStats(communityId)).orElseThrow();
    }

    private String give(String giver, String receiver, String value) {
        String id = "act-" + (++acts);
        ledger.give(C, id, giver, receiver, value, WHEN);
        return id;
    }

    private String offer(String giver, String receiver, String value) {
        String id = "act-" + (++acts);
        ledger.offer(C, id, giver, receiver, value, WHEN);
        return id;
    }

    @Test
    void newCommunityHasMembersButNoActsNoTiesAndNoReciprocity() {
        ledger.community(C, "alice", "bob");

        CommunityStats stats = stats();

        assertThat(stats.communityId()).isEqualTo(C);
        assertThat(stats.members()).isEqualTo(2);
        assertThat(stats.activeMembers()).isEqualTo(2);
        assertThat(stats.acts()).containsOnly(entry("pending", 0L), entry("disputed", 0L), entry("confirmed", 0L),
                entry("revoked", 0L), entry("reversed", 0L));
        assertThat(stats.confirmedValue()).isEqualByComparingTo("0");
        assertThat(stats.givingEdges()).isZero();
        assertThat(stats.mutualGivingPairs()).isZero();
        assertThat(stats.edgewiseReciprocity()).isNull();
        assertThat(stats.positiveTrustDeclarations()).isZero();
        assertThat(stats.negativeTrustDeclarations()).isZero();
    }

    @Test
    void suspendedMembersCountAsMembersButNotAsActive() {
        ledger.community(C, "alice", "bob", "carol");
        ledger.directory().on(new MemberSuspended(C, "bob", "spam"));

        assertThat(stats().members()).isEqualTo(3);
        assertThat(stats().activeMembers()).isEqualTo(2);
    }

    @Test
    void actsAreCountedByStatusAndOnlyConfirmedValueIsSummed() {
        ledger.community(C, "alice", "bob", "carol");
        give("alice", "bob", "10.25");
        give("bob", "carol", "4");
        String confirmedLater = offer("carol", "alice", "0.75");
        ledger.confirm(C, confirmedLater);
        offer("alice", "carol", "100");
        String disputed = offer("bob", "alice", "200");
        ledger.dispute(C, disputed, "no");
        String revoked = offer("carol", "bob", "300");
        ledger.revoke(C, revoked, "typo");

        CommunityStats stats = stats();

        assertThat(stats.acts()).containsOnly(entry("pending", 1L), entry("disputed", 1L), entry("confirmed", 3L),
                entry("revoked", 1L), entry("reversed", 0L));
        assertThat(stats.confirmedValue()).isEqualByComparingTo("15");
    }

    /**
     * Confirmed acts a→b (twice), b→a, a→c, c→a, b→c, c→d; not confirmed: d→c pending, d→a disputed,
     * e→a revoked. Ordered pairs: ab, ba, ac, ca, bc, cd = 6; returned: ab, ba, ac, ca = 4; so 2
     * mutual pairs and reciprocity 4/6.
     */
    @Test
    void givingEdgesMutualPairsAndEdgewiseReciprocityCountConfirmedOrderedPairs() {
        ledger.community(C, "a", "b", "c", "d", "e");
        give("a", "b", "1");
        give("a", "b", "2");
        give("b", "a", "1");
        give("a", "c", "1");
        give("c", "a", "1");
        give("b", "c", "1");
        give("c", "d", "1");
        offer("d", "c", "1");
        ledger.dispute(C, offer("d", "a", "1"), "no");
        ledger.revoke(C, offer("e", "a", "1"), "typo");

        CommunityStats stats = stats();

        assertThat(stats.givingEdges()).isEqualTo(6);
        assertThat(stats.mutualGivingPairs()).isEqualTo(2);
        assertThat(stats.edgewiseReciprocity()).isCloseTo(4.0 / 6.0, within(1e-12));
    }

    @Test
    void oneWayGivingHasZeroReciprocity() {
        ledger.community(C, "a", "b", "c");
        give("a", "b", "1");
        give("b", "c", "1");
        give("c", "a", "1");

        CommunityStats stats = stats();

        assertThat(stats.givingEdges()).isEqualTo(3);
        assertThat(stats.mutualGivingPairs()).isZero();
        assertThat(stats.edgewiseReciprocity()).isEqualTo(0.0);
    }

    @Test
    void actsOfOtherCommunitiesAreNotCounted() {
        ledger.community(C, "alice", "bob");
        ledger.community("choir", "alice", "bob");
        give("alice", "bob", "5");
        ledger.give("choir", "elsewhere", "bob", "alice", "7", WHEN);
        ledger.declareTrust("choir", "bob", "alice", null, 3);

        CommunityStats stats = stats();

        assertThat(stats.acts()).containsEntry("confirmed", 1L);
        assertThat(stats.confirmedValue()).isEqualByComparingTo("5");
        assertThat(stats.edgewiseReciprocity()).isEqualTo(0.0);
        assertThat(stats.positiveTrustDeclarations()).isZero();
    }

    @Test
    void trustAndDistrustTiesFollowDeclarationsRedeclarationsAndWithdrawals() {
        ledger.community(C, "a", "b", "c", "d");
        ledger.declareTrust(C, "a", "b", null, 5);
        ledger.declareTrust(C, "b", "a", null, 3);
        ledger.declareTrust(C, "c", "a", null, -2);
        ledger.declareTrust(C, "d", "a", null, 4);
        ledger.declareTrust(C, "a", "c", "help", 2);
        ledger.declareTrust(C, "a", "c", null, 3);
        ledger.declareTrust(C, "d", "b", null, 0);

        assertThat(stats().positiveTrustDeclarations()).as("a→b, b→a, d→a, a→c for help, a→c for all").isEqualTo(5);
        assertThat(stats().negativeTrustDeclarations()).isEqualTo(1);

        ledger.declareTrust(C, "d", "a", null, -1);
        ledger.declareTrust(C, "a", "b", null, 8);
        ledger.withdrawTrust(C, "b", "a", null, 3);
        ledger.withdrawTrust(C, "a", "c", "help", 2);

        assertThat(stats().positiveTrustDeclarations()).as("a→b, a→c for all").isEqualTo(2);
        assertThat(stats().negativeTrustDeclarations()).as("c→a, d→a").isEqualTo(2);
    }

    @Test
    void unknownCommunityHasNoStats() {
        assertThat(ledger.stats().handle(new FindCommunityStats("nowhere"))).isEmpty();
    }
}
