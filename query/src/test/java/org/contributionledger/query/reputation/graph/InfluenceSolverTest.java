package org.contributionledger.query.reputation.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InfluenceSolverTest {

    /** 0 -> 1 -> 2 -> 0 with node 3 trusting 0 and nobody trusting 3; plus dangling node 4. */
    private static WeightedDigraph smallGraph() {
        return WeightedDigraph.builder(5)
                .addEdge(0, 1, 1)
                .addEdge(1, 2, 1)
                .addEdge(2, 0, 2)
                .addEdge(2, 4, 2)
                .addEdge(3, 0, 1)
                .build();
    }

    @Test
    void scoresSumToOneAndSatisfyTheFixedPointEquation() {
        WeightedDigraph graph = smallGraph();
        InfluenceResult result = InfluenceSolver.solve(graph, Teleport.uniform());

        assertThat(result.converged()).isTrue();
        assertThat(result.finalChange()).isLessThan(InfluenceSolver.DEFAULT_TOLERANCE);
        assertThat(Arrays.stream(result.scores()).sum()).isCloseTo(1.0, within(1e-12));

        // Check t_i = 0.85 * sum_j t_j c_ji + (0.85 * D + 0.15) / N by hand.
        double[] t = result.scores();
        double restart = (0.85 * t[4] + 0.15) / 5;
        assertThat(t[0]).isCloseTo(0.85 * (t[2] * 0.5 + t[3]) + restart, within(1e-10));
        assertThat(t[1]).isCloseTo(0.85 * t[0] + restart, within(1e-10));
        assertThat(t[2]).isCloseTo(0.85 * t[1] + restart, within(1e-10));
        assertThat(t[3]).isCloseTo(restart, within(1e-10));
        assertThat(t[4]).isCloseTo(0.85 * t[2] * 0.5 + restart, within(1e-10));
    }

    @Test
    void graphWithoutEdgesGivesTheTeleportVector() {
        WeightedDigraph graph = WeightedDigraph.builder(4).build();

        assertThat(InfluenceSolver.solve(graph, Teleport.uniform()).scores())
                .containsExactly(new double[] {0.25, 0.25, 0.25, 0.25}, within(1e-15));
        assertThat(InfluenceSolver.solve(graph, Teleport.preTrusted(1, 3)).scores())
                .containsExactly(new double[] {0, 0.5, 0, 0.5}, within(1e-15));
        assertThat(InfluenceSolver.solve(graph, Teleport.singleNode(2)).scores())
                .containsExactly(new double[] {0, 0, 1, 0}, within(1e-15));
    }

    @Test
    void preTrustedTeleportStartsAndRestartsOnTheSeeds() {
        WeightedDigraph graph = smallGraph();
        InfluenceResult result = InfluenceSolver.solve(graph, Teleport.preTrusted(3));

        // Node 3 receives only restart mass: alpha plus the dangling share, both sent to node 3.
        double[] t = result.scores();
        assertThat(t[3]).isCloseTo(0.15 + 0.85 * t[4], within(1e-10));
        assertThat(Arrays.stream(t).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void warmStartFromTheAnswerNeedsOneIteration() {
        WeightedDigraph graph = smallGraph();
        InfluenceResult cold = InfluenceSolver.solve(graph, Teleport.uniform(), 0.15, 1e-13, 1000, null);
        double[] scaled = cold.scores();
        for (int node = 0; node < scaled.length; node++) {
            scaled[node] *= 3; // the solver rescales a warm start to sum 1
        }
        InfluenceResult warm = InfluenceSolver.solve(graph, Teleport.uniform(), 0.15, 1e-10, 1000, scaled);

        assertThat(cold.iterations()).isGreaterThan(10);
        assertThat(warm.iterations()).isEqualTo(1);
        assertThat(warm.scores()).containsExactly(cold.scores(), within(1e-12));
    }

    @Test
    void iterationCapIsReportedAsNotConverged() {
        InfluenceResult result = InfluenceSolver.solve(smallGraph(), Teleport.uniform(), 0.15, 1e-15, 3, null);

        assertThat(result.iterations()).isEqualTo(3);
        assertThat(result.converged()).isFalse();
        assertThat(result.finalChange()).isGreaterThan(1e-15);
    }

    @Test
    void resultReportsRelativeScoreAndSettings() {
        InfluenceResult result = InfluenceSolver.solve(smallGraph(), Teleport.singleNode(0), 0.3, 1e-12, 500, null);

        assertThat(result.alpha()).isEqualTo(0.3);
        assertThat(result.teleport()).isEqualTo(Teleport.singleNode(0));
        assertThat(result.relativeScore(0)).isCloseTo(result.score(0) * 5, within(1e-15));
        assertThat(result.score(3)).isZero();
    }

    @Test
    void rejectsInvalidArguments() {
        WeightedDigraph graph = smallGraph();
        assertThatThrownBy(() -> InfluenceSolver.solve(graph, Teleport.uniform(), 1.5, 1e-10, 10, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InfluenceSolver.solve(graph, Teleport.uniform(), 0.15, 0, 10, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InfluenceSolver.solve(graph, Teleport.uniform(), 0.15, 1e-10, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InfluenceSolver.solve(graph, Teleport.singleNode(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> InfluenceSolver.solve(graph, Teleport.uniform(), 0.15, 1e-10, 10, new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Warm start");
        assertThatThrownBy(() -> InfluenceSolver.solve(graph, Teleport.uniform(), 0.15, 1e-10, 10, new double[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive sum");
        assertThatThrownBy(() -> Teleport.preTrusted()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Teleport.singleNode(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void preTrustedTeleportIgnoresDuplicatesAndCopiesItsNodes() {
        Teleport.PreTrusted teleport = (Teleport.PreTrusted) Teleport.preTrusted(4, 1, 4);
        int[] nodes = teleport.nodes();
        nodes[0] = 99;

        assertThat(teleport.nodes()).containsExactly(1, 4);
        assertThat(teleport.probability(4, 10)).isEqualTo(0.5);
        assertThat(teleport).isEqualTo(Teleport.preTrusted(1, 4));
    }
}
