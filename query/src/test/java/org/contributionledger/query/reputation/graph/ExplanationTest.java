package org.contributionledger.query.reputation.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExplanationTest {

    /** Nodes 0, 1 and 2 all trust node 3; node 0 trusts node 1 too; node 3 is dangling. */
    private static WeightedDigraph star() {
        return WeightedDigraph.builder(4)
                .addEdge(0, 3, 1).addEdge(0, 1, 1)
                .addEdge(1, 3, 2)
                .addEdge(2, 3, 1)
                .build();
    }

    @Test
    void partsAddUpToTheScoreForEveryNodeAndTeleport() {
        WeightedDigraph graph = star();
        for (Teleport teleport : new Teleport[] {Teleport.uniform(), Teleport.preTrusted(0, 2), Teleport.singleNode(1)}) {
            InfluenceResult result = InfluenceSolver.solve(graph, teleport, 0.15, 1e-14, 1000, null);
            for (int node = 0; node < 4; node++) {
                Explanation explanation = Explanation.of(graph, result, node, 10);

                assertThat(explanation.residual()).as("%s, node %d", teleport, node).isCloseTo(0, within(1e-13));
                double listed = explanation.topSources().stream().mapToDouble(Explanation.Source::contribution).sum();
                assertThat(listed).isCloseTo(explanation.fromAllSources(), within(1e-15));
            }
        }
    }

    @Test
    void theListedSourcesTheOtherSourcesAndTheRestAddUpToTheScoreExactly() {
        WeightedDigraph graph = star();
        InfluenceResult result = InfluenceSolver.solve(graph, Teleport.uniform(), 0.15, 1e-15, 1000, null);
        for (int node = 0; node < 4; node++) {
            for (int limit = 0; limit <= 3; limit++) {
                Explanation explanation = Explanation.of(graph, result, node, limit);
                double listed = explanation.topSources().stream().mapToDouble(Explanation.Source::contribution).sum();

                assertThat(explanation.otherSourceCount() + explanation.topSources().size())
                        .isEqualTo(explanation.sourceCount());
                assertThat(listed + explanation.fromOtherSources() + explanation.fromDanglingNodes()
                        + explanation.fromTeleport()).as("node %d, top %d", node, limit)
                        .isCloseTo(explanation.score(), within(1e-12));
            }
        }
    }

    @Test
    void topSourcesAreOrderedByContributionWithTiesByNodeId() {
        WeightedDigraph graph = star();
        InfluenceResult result = InfluenceSolver.solve(graph, Teleport.uniform());

        Explanation explanation = Explanation.of(graph, result, 3, 2);

        // Node 1 passes on all its influence, which includes half of node 0's; nodes 0 and 2 hold
        // equal scores, but node 0 passes on only half, so node 2 comes second.
        assertThat(explanation.topSources()).extracting(Explanation.Source::node).containsExactly(1, 2);
        assertThat(explanation.sourceCount()).isEqualTo(3);
        Explanation.Source first = explanation.topSources().get(0);
        assertThat(first.trustShare()).isEqualTo(1.0);
        assertThat(first.sourceScore()).isEqualTo(result.score(1));
        assertThat(first.contribution()).isCloseTo(0.85 * result.score(1), within(1e-15));
        assertThat(explanation.fromTeleport()).isCloseTo(0.15 / 4, within(1e-15));
        assertThat(explanation.fromDanglingNodes()).isCloseTo(0.85 * result.score(3) / 4, within(1e-15));
    }

    @Test
    void equalContributionsAreListedByNodeId() {
        WeightedDigraph graph = WeightedDigraph.builder(3).addEdge(2, 0, 1).addEdge(1, 0, 1).build();
        InfluenceResult result = InfluenceSolver.solve(graph, Teleport.uniform());

        assertThat(Explanation.of(graph, result, 0, 5).topSources()).extracting(Explanation.Source::node).containsExactly(1, 2);
    }

    @Test
    void rejectsAResultOfAnotherGraph() {
        InfluenceResult result = InfluenceSolver.solve(WeightedDigraph.builder(2).build(), Teleport.uniform());

        assertThatThrownBy(() -> Explanation.of(star(), result, 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Explanation.of(star(), InfluenceSolver.solve(star(), Teleport.uniform()), 4, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
