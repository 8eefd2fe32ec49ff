package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.contribution.ContributionCorrected;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionReversed;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.trust.TrustDeclared;
import org.junit.jupiter.api.Test;

/**
 * A corrected act counts in reputation exactly as if it had been recorded with its corrected
 * figures, a reversed one as if never recorded: the oracle is a second reputation fed those
 * figures from the start.
 */
class CorrectionInReputationTest {

    private static final String COMMUNITY = "village";
    private static final Instant AT = Instant.parse("2025-05-01T08:00:00Z");
    private static final List<String> MEMBERS = List.of("ann", "ben", "cat", "dan");

    @Test
    void aCorrectedActCountsAsIfRecordedWithItsNewFigures() {
        StandaloneReputation corrected = reputation();
        corrected.projection().on(act("a1", "ann", "ben", "help", "10"), AT);
        corrected.projection().on(act("a2", "cat", "ben", "help", "4"), AT);
        corrected.projection().on(new ContributionCorrected(COMMUNITY, "a1", "ann", "ben", AT, "help", new BigDecimal("10"), "advice",
                new BigDecimal("2.5"), "ann", "ben", "It was advice, and shorter"), AT);
        corrected.snapshots().recomputeNow();

        StandaloneReputation recordedSo = reputation();
        recordedSo.projection().on(act("a1", "ann", "ben", "advice", "2.5"), AT);
        recordedSo.projection().on(act("a2", "cat", "ben", "help", "4"), AT);
        recordedSo.snapshots().recomputeNow();

        for (String category : Arrays.asList(null, "help", "advice")) {
            Map<String, Double> expected = scores(recordedSo, category);
            Map<String, Double> actual = scores(corrected, category);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            actual.forEach((member, score) ->
                    assertThat(score).as(category + " " + member).isCloseTo(expected.get(member), within(1e-12)));
        }
        // The correction left nothing of the act in "help": ann gave nothing there any more.
        MemberReputation ann = corrected.queries().handle(new FindReputation(COMMUNITY, "ann", 0)).orElseThrow();
        assertThat(ann.breadth().categories()).containsExactly("advice");
    }

    @Test
    void aReversedActCountsAsIfNeverRecorded() {
        StandaloneReputation reversed = reputation();
        reversed.projection().on(act("a1", "ann", "ben", "help", "10"), AT);
        reversed.projection().on(act("a2", "cat", "ben", "help", "4"), AT);
        reversed.projection().on(new ContributionCorrected(COMMUNITY, "a1", "ann", "ben", AT, "help", new BigDecimal("10"), "advice",
                new BigDecimal("2.5"), "ann", "ben", "It was advice, and shorter"), AT);
        reversed.projection().on(new ContributionReversed(COMMUNITY, "a1", "ann", "ben", "advice", new BigDecimal("2.5"), AT,
                "Recorded twice"), AT);
        reversed.snapshots().recomputeNow();

        StandaloneReputation neverRecorded = reputation();
        neverRecorded.projection().on(act("a2", "cat", "ben", "help", "4"), AT);
        neverRecorded.snapshots().recomputeNow();

        for (String category : Arrays.asList(null, "help", "advice")) {
            Map<String, Double> expected = scores(neverRecorded, category);
            Map<String, Double> actual = scores(reversed, category);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            actual.forEach((member, score) ->
                    assertThat(score).as(category + " " + member).isCloseTo(expected.get(member), within(1e-12)));
        }
        MemberReputation ann = reversed.queries().handle(new FindReputation(COMMUNITY, "ann", 0)).orElseThrow();
        assertThat(ann.breadth().categories()).isEmpty();
    }

    private static Map<String, Double> scores(StandaloneReputation reputation, String category) {
        Map<String, Double> scores = new TreeMap<>();
        reputation.queries().handle(new FindLeaderboard(COMMUNITY, category, FindLeaderboard.MAX_LIMIT, 0)).orElseThrow()
                .entries().forEach(entry -> scores.put(entry.memberId(), entry.score()));
        return scores;
    }

    private static StandaloneReputation reputation() {
        StandaloneReputation reputation = ReputationScenario.newReputation();
        reputation.projection().on(new CommunityCreated(COMMUNITY, "Village", CommunitySettings.defaults()));
        for (String member : MEMBERS) {
            reputation.projection().on(new MemberRegistered(COMMUNITY, member, member), AT);
        }
        reputation.projection().on(new TrustDeclared(COMMUNITY, "ben", "ann", null, 5, null, AT), AT);
        reputation.projection().on(new TrustDeclared(COMMUNITY, "dan", "cat", null, 3, null, AT), AT);
        return reputation;
    }

    private static ContributionRecorded act(String id, String giver, String receiver, String category, String value) {
        return new ContributionRecorded(COMMUNITY, id, giver, receiver, category, new BigDecimal(value), AT, null, null,
                RecordedBy.RECEIVER, ContributionStatus.CONFIRMED);
    }
}
