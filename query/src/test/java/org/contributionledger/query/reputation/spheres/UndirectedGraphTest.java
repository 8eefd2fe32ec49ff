package org.contributionledger.query.reputation.spheres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UndirectedGraphTest {

    @Test
    void bothDirectionsAndRepeatsAddUpAndSelfLoopsAreDropped() {
        UndirectedGraph graph = UndirectedGraph.fromEdges(3,
                new int[] {0, 1, 0, 2, 2},
                new int[] {1, 0, 1, 2, 0},
                new double[] {2, 3, 1, 5, 0});

        assertThat(graph.tieCount()).isEqualTo(1);
        assertThat(graph.weight(0, 1)).isEqualTo(6);
        assertThat(graph.weight(1, 0)).isEqualTo(6);
        assertThat(graph.degree(2)).isZero();
        assertThat(graph.strength(0)).isEqualTo(6);
        assertThat(graph.strength(2)).isZero();
        assertThat(graph.totalWeight()).isEqualTo(6);
        assertThat(graph.neighbours(1)).containsExactly(0);
    }

    @Test
    void rowsAreSortedWhateverTheInputOrder() {
        int[] from = new int[40];
        int[] to = new int[40];
        double[] weight = new double[40];
        for (int edge = 0; edge < 40; edge++) {
            from[edge] = 0;
            to[edge] = 40 - edge;
            weight[edge] = edge + 1;
        }

        UndirectedGraph graph = UndirectedGraph.fromEdges(41, from, to, weight);

        assertThat(graph.neighbours(0)).isSorted().hasSize(40);
        assertThat(graph.weight(0, 40)).isEqualTo(1);
        assertThat(graph.weight(0, 1)).isEqualTo(40);
    }

    @Test
    void refusesANegativeWeightAndANodeOutOfRange() {
        assertThatThrownBy(() -> UndirectedGraph.fromEdges(2, new int[] {0}, new int[] {1}, new double[] {-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> UndirectedGraph.fromEdges(2, new int[] {0}, new int[] {2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> UndirectedGraph.fromEdges(2, new int[] {0}, new int[] {1}, new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
