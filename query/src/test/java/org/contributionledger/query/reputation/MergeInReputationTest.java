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
 * the oracle is a second projection fed the same facts under the staying member's id from the start.
 */
class MergeInReputationTest {

    private static final String COMMUNITY = "village";
    private static final Instant AT = Instant.parse("2025-05-01T08:00:00Z");

    @Test
    void aMergedNetworkComputesAsOneMemberFromTheStart() {
        ReputationProjection merged = projection("ann2");
        // Between the two: a gift and trust that would be to oneself once they are one.
        merged.on(act("between", "ann", "ann2", "help", "4", ContributionStatus.CONFIRMED), AT);
        merged.on(new TrustDeclared(COMMUNITY, "ann2", "ann", null, 8, null, AT), AT);
        // Computed once before the merge: the next computation must not start from the old numbering.
        merged.recomputeNow();
        merged.on(new MembersMerged(COMMUNITY, "ann", "ann2"), AT.plusSeconds(60));
        // Decided after the merge, naming the merged member as recorded.
        merged.on(confirmed("pending", "dan", "ann2"), AT.plusSeconds(120));
        merged.recomputeNow();

        ReputationProjection single = projection("ann");
        single.on(confirmed("pending", "dan", "ann"), AT.plusSeconds(120));
        single.recomputeNow();

        for (String category : Arrays.asList(null, "help", "advice")) {
            Map<String, Double> expected = scores(single, category);
            Map<String, Double> actual = scores(merged, category);
            assertThat(actual.keySet()).as(category).isEqualTo(expected.keySet()).doesNotContain("ann2");
            actual.forEach((member, score) ->
                    assertThat(score).as(category + " " + member).isCloseTo(expected.get(member), within(1e-9)));
        }
        MemberReputation ann = merged.handle(new FindReputation(COMMUNITY, "ann", 0)).orElseThrow();
        MemberReputation annAlone = single.handle(new FindReputation(COMMUNITY, "ann", 0)).orElseThrow();
        assertThat(ann.breadth()).isEqualTo(annAlone.breadth());
        assertThat(ann.character()).isEqualTo(annAlone.character());
        assertThat(merged.handle(new FindReputation(COMMUNITY, "ann2", 0))).isEmpty();
    }

    /** The same history, with {@code ann2} a member of its own or ann herself. */
    private static ReputationProjection projection(String ann2) {
        ReputationProjection projection = ReputationScenario.newProjection();
        projection.on(new CommunityCreated(COMMUNITY, "Village", CommunitySettings.defaults()));
        projection.on(new MemberRegistered(COMMUNITY, "ann", "Ann"), AT);
        if (!ann2.equals("ann")) {
            projection.on(new MemberRegistered(COMMUNITY, ann2, "Ann elsewhere"), AT);
        }
        for (String member : new String[] {"ben", "cat", "dan"}) {
            projection.on(new MemberRegistered(COMMUNITY, member, member), AT);
        }
        projection.on(act("a1", "ann", "ben", "help", "3", ContributionStatus.CONFIRMED), AT);
        projection.on(act("a2", ann2, "ben", "help", "2", ContributionStatus.CONFIRMED), AT);
        projection.on(act("a3", "cat", ann2, "advice", "5", ContributionStatus.CONFIRMED), AT);
        projection.on(act("a4", ann2, "dan", "advice", "1", ContributionStatus.CONFIRMED), AT);
        projection.on(act("pending", "dan", ann2, "help", "2", ContributionStatus.PENDING), AT);
        projection.on(new TrustDeclared(COMMUNITY, "ann", "ben", null, 2, null, AT), AT);
        projection.on(new TrustDeclared(COMMUNITY, ann2, "ben", null, 6, null, AT.plusSeconds(1)), AT);
        projection.on(new TrustDeclared(COMMUNITY, "cat", ann2, "advice", 4, null, AT), AT);
        projection.on(new TrustDeclared(COMMUNITY, "ben", ann2, null, -3, null, AT), AT);
        projection.on(new TrustDeclared(COMMUNITY, "dan", "cat", null, 3, null, AT), AT);
        return projection;
    }

    private static Map<String, Double> scores(ReputationProjection projection, String category) {
        Map<String, Double> scores = new TreeMap<>();
        projection.handle(new FindLeaderboard(COMMUNITY, category, FindLeaderboard.MAX_LIMIT, 0)).orElseThrow()
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
