package org.contributionledger.query.reputation.spheres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BetweennessTest {

    @Test
    void theMiddleOfAPathLiesOnTheOnlyPathBetweenTheEnds() {
        SphereReferenceData.Edges edges = new SphereReferenceData.Edges().add(0, 1, 1).add(1, 2, 1);

        Betweenness betweenness = Betweenness.of(edges.graph(3));

        assertThat(betweenness.values()).containsExactly(0, 1, 0);
        assertThat(betweenness.exact()).isTrue();
    }

    @Test
    void aSquareSplitsEachPathBetweenOppositeCornersInTwo() {
        SphereReferenceData.Edges edges = new SphereReferenceData.Edges()
                .add(0, 1, 1).add(1, 2, 1).add(2, 3, 1).add(3, 0, 1);

        Betweenness betweenness = Betweenness.of(edges.graph(4));

        // Node 1 carries half of the paths between 0 and 2: 0.5 over the 3 pairs of other nodes.
        for (int node = 0; node < 4; node++) {
            assertThat(betweenness.at(node)).isCloseTo(0.5 / 3, within(1e-15));
        }
    }

    @Test
    void weightsAreIgnoredAndIsolatedNodesCountInTheNormalisation() {
        SphereReferenceData.Edges edges = new SphereReferenceData.Edges().add(0, 1, 7).add(1, 2, 0.5);

        Betweenness betweenness = Betweenness.of(edges.graph(5));

        // One pair (0, 2) through node 1, out of the (5 - 1)(5 - 2) / 2 = 6 pairs of other nodes.
        assertThat(betweenness.at(1)).isCloseTo(1.0 / 6, within(1e-15));
    }

    @Test
    void twoNodesOrFewerHaveNoBetweenness() {
        assertThat(Betweenness.of(new SphereReferenceData.Edges().add(0, 1, 1).graph(2)).values()).containsExactly(0, 0);
        assertThat(Betweenness.of(new SphereReferenceData.Edges().graph(0)).values()).isEmpty();
    }

    @Test
    void aLargeGraphIsEstimatedFromAFixedSampleOfSources() {
        SphereReferenceData.Edges edges = new SphereReferenceData.Edges();
        for (int node = 0; node < 200; node++) {
            edges.add(node, (node + 1) % 200, 1);
        }
        UndirectedGraph ring = edges.graph(200);

        Betweenness estimate = Betweenness.of(ring, 1);
        Betweenness exact = Betweenness.of(ring);

        assertThat(estimate.exact()).isFalse();
        assertThat(estimate.sources()).isEqualTo(32);
        assertThat(Betweenness.of(ring, 1).values()).isEqualTo(estimate.values());
        assertThat(exact.exact()).isTrue();
        assertThat(exact.sources()).isEqualTo(200);
        // On a ring every node has the same betweenness; the estimate sums to the same total.
        double exactTotal = java.util.Arrays.stream(exact.values()).sum();
        assertThat(java.util.Arrays.stream(estimate.values()).sum()).isCloseTo(exactTotal, within(1e-9 * exactTotal));
    }
}
