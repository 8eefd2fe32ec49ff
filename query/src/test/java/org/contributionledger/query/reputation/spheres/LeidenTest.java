package org.contributionledger.query.reputation.spheres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LeidenTest {

    /** Mutual ties of weight 1 between every pair of the nodes given. */
    private static void clique(SphereReferenceData.Edges edges, int... nodes) {
        for (int i = 0; i < nodes.length; i++) {
            for (int j = i + 1; j < nodes.length; j++) {
                edges.add(nodes[i], nodes[j], 1).add(nodes[j], nodes[i], 1);
            }
        }
    }

    @Test
    void anEmptyGraphHasNoCommunities() {
        UndirectedGraph graph = new SphereReferenceData.Edges().graph(0);

        assertThat(Leiden.partition(graph, 0)).isEmpty();
        assertThat(Modularity.of(graph, new int[0])).isZero();
    }

    @Test
    void nodesWithoutTiesAreEachACommunityOfTheirOwn() {
        SphereReferenceData.Edges edges = new SphereReferenceData.Edges();
        edges.add(1, 2, 1);

        int[] partition = Leiden.partition(edges.graph(4), 0);

        assertThat(partition).containsExactly(0, 1, 1, 2);
    }

    @Test
    void twoDisconnectedCliquesAreTwoCommunities() {
        SphereReferenceData.Edges edges = new SphereReferenceData.Edges();
        clique(edges, 0, 2, 4, 6, 8);
        clique(edges, 1, 3, 5, 7, 9);
        UndirectedGraph graph = edges.graph(10);

        int[] partition = Leiden.partition(graph, 0);

        assertThat(partition).containsExactly(0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
        // Two equal halves with nothing between them: Q = 2 * (1/2 - (1/2)^2) = 1/2.
        assertThat(Modularity.of(graph, partition)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aStarIsOneCommunity() {
        SphereReferenceData.Edges edges = new SphereReferenceData.Edges();
        for (int leaf = 1; leaf <= 6; leaf++) {
            edges.add(0, leaf, 1);
        }
        UndirectedGraph graph = edges.graph(7);

        int[] partition = Leiden.partition(graph, 0);

        // No split of a star beats keeping it whole (Q = 0).
        assertThat(partition).containsOnly(0);
        assertThat(Modularity.of(graph, partition)).isCloseTo(0, within(1e-12));
    }

    @Test
    void twoCliquesJoinedByOneTieStayApart() {
        SphereReferenceData.Edges edges = new SphereReferenceData.Edges();
        clique(edges, 0, 1, 2, 3, 4);
        clique(edges, 5, 6, 7, 8, 9);
        edges.add(4, 5, 1);
        UndirectedGraph graph = edges.graph(10);

        for (long seed = 0; seed < 5; seed++) {
            assertThat(Leiden.partition(graph, seed)).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
        }
    }

    @Test
    void modularityWithAResolutionWeighsTheRandomExpectation() {
        SphereReferenceData.Edges edges = new SphereReferenceData.Edges();
        clique(edges, 0, 1, 2);
        UndirectedGraph graph = edges.graph(3);

        // One community holding everything: Q = 1 - gamma.
        assertThat(Modularity.of(graph, new int[] {0, 0, 0}, 0.5)).isCloseTo(0.5, within(1e-12));
        // Singletons: Q = -gamma * 3 * (1/3)^2.
        assertThat(Modularity.of(graph, new int[] {0, 1, 2})).isCloseTo(-1.0 / 3, within(1e-12));
    }
}
