package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.contributionledger.query.reputation.ReputationScenario.COMMUNITY;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.trust.TrustDeclared;
import org.junit.jupiter.api.Test;

class NetworkDrawingsTest {

    private static final Instant AT = Instant.parse("2025-05-30T10:00:00Z");

    /** Alice and Bob trust Dave; Carol distrusts Dave; Dave helped Bob and trusts him; Erin has no tie. */
    private static StandaloneReputation village() {
        StandaloneReputation reputation = ReputationScenario.newReputation();
        ReputationProjection projection = reputation.projection();
        projection.on(new CommunityCreated(COMMUNITY, "Village", CommunitySettings.defaults()));
        for (String member : List.of("alice", "bob", "carol", "dave", "erin")) {
            projection.on(new MemberRegistered(COMMUNITY, member, member.toUpperCase()), AT);
        }
        projection.on(new TrustDeclared(COMMUNITY, "alice", "dave", null, 9, null, AT), AT);
        projection.on(new TrustDeclared(COMMUNITY, "bob", "dave", null, 3, null, AT), AT);
        projection.on(new TrustDeclared(COMMUNITY, "carol", "dave", null, -5, null, AT), AT);
        projection.on(new TrustDeclared(COMMUNITY, "dave", "bob", null, 4, null, AT), AT);
        projection.on(new ContributionRecorded(COMMUNITY, "act-1", "dave", "bob", "help", BigDecimal.TEN, AT,
                null, null, RecordedBy.RECEIVER, ContributionStatus.CONFIRMED), AT);
        projection.on(new ContributionRecorded(COMMUNITY, "act-2", "alice", "carol", "help", BigDecimal.ONE, AT,
                null, null, RecordedBy.RECEIVER, ContributionStatus.CONFIRMED), AT);
        reputation.snapshots().recomputeNow();
        return reputation;
    }

    private static NetworkDrawing draw(NetworkDrawings drawings) {
        return drawings.handle(new FindNetworkDrawing(COMMUNITY)).orElseThrow();
    }

    @Test
    void everyMemberIsDrawnWithTheirInfluenceAndEveryPositiveTieAsAnEdge() {
        StandaloneReputation reputation = village();
        NetworkDrawing drawing = draw(new NetworkDrawings(reputation.snapshots()));

        assertThat(drawing.nodes()).extracting(NetworkDrawing.Node::memberId)
                .containsExactlyInAnyOrder("alice", "bob", "carol", "dave", "erin");
        assertThat(drawing.nodes()).extracting(NetworkDrawing.Node::displayName).contains("DAVE", "ERIN");
        Leaderboard board = reputation.queries().handle(new FindLeaderboard(COMMUNITY, null, 10, 0)).orElseThrow();
        Map<String, Double> scores = board.entries().stream()
                .collect(Collectors.toMap(Leaderboard.Entry::memberId, Leaderboard.Entry::score));
        assertThat(drawing.nodes()).allSatisfy(node ->
                assertThat(node.influence()).as(node.memberId()).isEqualTo(scores.get(node.memberId())));
        assertThat(drawing.nodes()).extracting(NetworkDrawing.Node::influence).isSorted();
        // Distrust is no edge; trust and a gift between the same two, in the same direction, are one.
        assertThat(drawing.edges()).extracting(NetworkDrawing.Edge::from, NetworkDrawing.Edge::to, NetworkDrawing.Edge::kinds)
                .containsExactlyInAnyOrder(
                        tuple("alice", "dave", List.of("trusts")),
                        tuple("bob", "dave", List.of("trusts")),
                        tuple("dave", "bob", List.of("trusts", "gave")),
                        tuple("alice", "carol", List.of("gave")));
        assertThat(drawing.freshness().upToDate()).isTrue();
    }

    @Test
    void membersAreMarkedWithTheirSphereAndAMemberWithoutTiesWithNone() {
        NetworkDrawing drawing = draw(new NetworkDrawings(village().snapshots()));

        assertThat(drawing.nodes()).allSatisfy(node -> {
            if (node.memberId().equals("erin")) {
                assertThat(node.sphere()).as("erin has no tie").isNull();
                assertThat(node.bridge()).isNull();
            } else {
                assertThat(node.sphere()).as(node.memberId()).isPositive();
                assertThat(node.bridge()).as(node.memberId()).isNotNull();
            }
        });
    }

    @Test
    void theSameEventsGiveTheSamePlaces() {
        NetworkDrawing first = draw(new NetworkDrawings(village().snapshots()));
        NetworkDrawing second = draw(new NetworkDrawings(village().snapshots()));

        assertThat(second.nodes()).isEqualTo(first.nodes());
        assertThat(second.edges()).isEqualTo(first.edges());
        Map<String, NetworkDrawing.Node> byId = first.nodes().stream()
                .collect(Collectors.toMap(NetworkDrawing.Node::memberId, Function.identity()));
        assertThat(byId.values()).allSatisfy(node -> {
            assertThat(node.x()).isBetween(0.0, 1000.0);
            assertThat(node.y()).isBetween(0.0, 1000.0);
        });
        assertThat(byId.get("dave").x() != byId.get("erin").x() || byId.get("dave").y() != byId.get("erin").y())
                .as("two members do not share one place").isTrue();
    }

    @Test
    void aDrawingIsMadeOncePerSnapshotAndAgainAfterAChange() {
        StandaloneReputation reputation = village();
        NetworkDrawings drawings = new NetworkDrawings(reputation.snapshots());
        NetworkDrawing first = draw(drawings);
        NetworkDrawing again = draw(drawings);

        assertThat(again.nodes()).as("the same snapshot's drawing, kept").isSameAs(first.nodes());

        reputation.projection().on(new TrustDeclared(COMMUNITY, "erin", "alice", null, 7, null, AT), AT);
        reputation.snapshots().recomputeNow();
        NetworkDrawing changed = draw(drawings);

        assertThat(changed.nodes()).isNotSameAs(first.nodes());
        assertThat(changed.edges()).extracting(NetworkDrawing.Edge::from, NetworkDrawing.Edge::to)
                .contains(tuple("erin", "alice"));
    }

    @Test
    void anUnknownCommunityHasNoDrawing() {
        assertThat(new NetworkDrawings(village().snapshots()).handle(new FindNetworkDrawing("nowhere"))).isEmpty();
    }
}
