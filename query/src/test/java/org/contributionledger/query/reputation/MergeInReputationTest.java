package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.contribution.ContributionConfirmed;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.member.MembersMerged;
import org.contributionledger.core.trust.TrustDeclared;
import org.junit.jupiter.api.Test;

/**
 * After a merge, reputation is what it would be had one member done all the merged member did:
 * the oracle is a second reputation fed the same facts under the staying member's id from the start.
 */
class MergeInReputationTest {

    private static final String COMMUNITY = "village";
    private static final Instant AT = Instant.parse("2025-05-01T08:00:00Z");

    @Test
    void aMergedNetworkComputesAsOneMemberFromTheStart() {
        StandaloneReputation merged = reputation("ann2");
        // Between the two: a gift and trust that would be to oneself once they are one.
        merged.projection().on(act("between", "ann", "ann2", "help", "4", ContributionStatus.CONFIRMED), AT);
        merged.projection().on(new TrustDeclared(COMMUNITY, "ann2", "ann", null, 8, null, AT), AT);
        // Computed once before the merge: the next computation must not start from the old numbering.
        merged.snapshots().recomputeNow();
        merged.projection().on(new MembersMerged(COMMUNITY, "ann", "ann2"), AT.plusSeconds(60));
        // Decided after the merge, naming the merged member as recorded.
        merged.projection().on(confirmed("pending", "dan", "ann2"), AT.plusSeconds(120));
        merged.snapshots().recomputeNow();

        StandaloneReputation single = reputation("ann");
        single.projection().on(confirmed("pending", "dan", "ann"), AT.plusSeconds(120));
        single.snapshots().recomputeNow();

        for (String category : Arrays.asList(null, "help", "advice")) {
            Map<String, Double> expected = scores(single, category);
            Map<String, Double> actual = scores(merged, category);
            assertThat(actual.keySet()).as(category).isEqualTo(expected.keySet()).doesNotContain("ann2");
            actual.forEach((member, score) ->
                    assertThat(score).as(category + " " + member).isCloseTo(expected.get(member), within(1e-9)));
        }
        MemberReputation ann = merged.queries().handle(new FindReputation(COMMUNITY, "ann", 0)).orElseThrow();
        MemberReputation annAlone = single.queries().handle(new FindReputation(COMMUNITY, "ann", 0)).orElseThrow();
        assertThat(ann.breadth()).isEqualTo(annAlone.breadth());
        assertThat(ann.character()).isEqualTo(annAlone.character());
        assertThat(merged.queries().handle(new FindReputation(COMMUNITY, "ann2", 0))).isEmpty();
    }

    /** The same history, with {@code ann2} a member of its own or ann herself. */
    private static StandaloneReputation reputation(String ann2) {
        StandaloneReputation reputation = ReputationScenario.newReputation();
        reputation.projection().on(new CommunityCreated(COMMUNITY, "Village", CommunitySettings.defaults()));
        reputation.projection().on(new MemberRegistered(COMMUNITY, "ann", "Ann"), AT);
        if (!ann2.equals("ann")) {
            reputation.projection().on(new MemberRegistered(COMMUNITY, ann2, "Ann elsewhere"), AT);
        }
        for (String member : new String[] {"ben", "cat", "dan"}) {
            reputation.projection().on(new MemberRegistered(COMMUNITY, member, member), AT);
        }
        reputation.projection().on(act("a1", "ann", "ben", "help", "3", ContributionStatus.CONFIRMED), AT);
        reputation.projection().on(act("a2", ann2, "ben", "help", "2", ContributionStatus.CONFIRMED), AT);
        reputation.projection().on(act("a3", "cat", ann2, "advice", "5", ContributionStatus.CONFIRMED), AT);
        reputation.projection().on(act("a4", ann2, "dan", "advice", "1", ContributionStatus.CONFIRMED), AT);
        reputation.projection().on(act("pending", "dan", ann2, "help", "2", ContributionStatus.PENDING), AT);
        reputation.projection().on(new TrustDeclared(COMMUNITY, "ann", "ben", null, 2, null, AT), AT);
        reputation.projection().on(new TrustDeclared(COMMUNITY, ann2, "ben", null, 6, null, AT.plusSeconds(1)), AT);
        reputation.projection().on(new TrustDeclared(COMMUNITY, "cat", ann2, "advice", 4, null, AT), AT);
        reputation.projection().on(new TrustDeclared(COMMUNITY, "ben", ann2, null, -3, null, AT), AT);
        reputation.projection().on(new TrustDeclared(COMMUNITY, "dan", "cat", null, 3, null, AT), AT);
        return reputation;
    }

    private static Map<String, Double> scores(StandaloneReputation reputation, String category) {
        Map<String, Double> scores = new TreeMap<>();
        reputation.queries().handle(new FindLeaderboard(COMMUNITY, category, FindLeaderboard.MAX_LIMIT, 0)).orElseThrow()
                .entries().forEach(entry -> scores.put(entry.memberId(), entry.score()));
        return scores;
    }

    private static ContributionRecorded act(String id, String giver, String receiver, String category, String value,
                                            ContributionStatus status) {
        return new ContributionRecorded(COMMUNITY, id, giver, receiver, category, new BigDecimal(value), AT, null, null,
                status == ContributionStatus.CONFIRMED ? RecordedBy.RECEIVER : RecordedBy.GIVER, status);
    }

    private static ContributionConfirmed confirmed(String id, String giver, String receiver) {
        return new ContributionConfirmed(COMMUNITY, id, giver, receiver, "help", new BigDecimal("2"), AT, receiver);
    }
}
