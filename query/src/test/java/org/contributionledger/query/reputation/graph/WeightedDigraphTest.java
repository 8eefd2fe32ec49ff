package org.contributionledger.query.reputation.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WeightedDigraphTest {

    @Test
    void duplicateEdgesAreSummedAndRowsAreSortedByTarget() {
        WeightedDigraph graph = WeightedDigraph.fromEdges(4,
                new int[] {0, 0, 0, 2, 0},
                new int[] {3, 1, 3, 0, 2},
                new double[] {1.5, 2, 0.5, 4, 1});

        assertThat(graph.nodeCount()).isEqualTo(4);
        assertThat(graph.edgeCount()).isEqualTo(4);
        assertThat(graph.successors(0)).containsExactly(1, 2, 3);
        assertThat(graph.successorWeights(0)).containsExactly(2, 1, 2);
        assertThat(graph.weight(0, 3)).isEqualTo(2.0);
        assertThat(graph.outWeight(0)).isEqualTo(5.0);
        assertThat(graph.predecessors(0)).containsExactly(2);
        assertThat(graph.predecessors(3)).containsExactly(0);
    }

    @Test
    void zeroWeightTiesAreDroppedAndTheirSourceBecomesDangling() {
        WeightedDigraph graph = WeightedDigraph.builder(3)
                .addEdge(0, 1, 0)
                .addEdge(1, 2, 3)
                .addEdge(1, 0, 0)
                .build();

        assertThat(graph.edgeCount()).isEqualTo(1);
        assertThat(graph.hasEdge(0, 1)).isFalse();
        assertThat(graph.isDangling(0)).isTrue();
        assertThat(graph.isDangling(1)).isFalse();
        assertThat(graph.isDangling(2)).isTrue();
        assertThat(graph.danglingCount()).isEqualTo(2);
    }

    @Test
    void inEdgesCarryWeightsNormalisedBySourceOutWeight() {
        WeightedDigraph graph = WeightedDigraph.builder(3)
                .addEdge(0, 1, 1)
                .addEdge(0, 2, 3)
                .addEdge(1, 2, 5)
                .build();

        assertThat(graph.predecessors(2)).containsExactly(0, 1);
        // In-row of node 2: c_02 = 3/4, c_12 = 5/5.
        int start = graph.inOffsets()[2];
        assertThat(graph.inShares()[start]).isCloseTo(0.75, within(1e-15));
        assertThat(graph.inShares()[start + 1]).isCloseTo(1.0, within(1e-15));
        assertThat(graph.inDegree(2)).isEqualTo(2);
        assertThat(graph.outDegree(0)).isEqualTo(2);
    }

    @Test
    void selfLoopsAreKept() {
        WeightedDigraph graph = WeightedDigraph.builder(2).addEdge(1, 1, 2).build();

        assertThat(graph.hasEdge(1, 1)).isTrue();
        assertThat(graph.isDangling(1)).isFalse();
    }

    @Test
    void builderMatchesFromEdgesAndCanGrow() {
        WeightedDigraph.Builder builder = WeightedDigraph.builder(100);
        int[] from = new int[1000];
        int[] to = new int[1000];
        double[] weight = new double[1000];
        for (int edge = 0; edge < 1000; edge++) {
            from[edge] = (edge * 7) % 100;
            to[edge] = (edge * 13 + 5) % 100;
            weight[edge] = 1 + edge % 3;
            builder.addEdge(from[edge], to[edge], weight[edge]);
        }
        WeightedDigraph built = builder.build();
        WeightedDigraph direct = WeightedDigraph.fromEdges(100, from, to, weight);

        assertThat(builder.size()).isEqualTo(1000);
        assertThat(built.edgeCount()).isEqualTo(direct.edgeCount());
        for (int node = 0; node < 100; node++) {
            assertThat(built.successors(node)).containsExactly(direct.successors(node));
            assertThat(built.successorWeights(node)).containsExactly(direct.successorWeights(node));
        }
    }

    @Test
    void emptyGraphIsAllowed() {
        WeightedDigraph graph = WeightedDigraph.fromEdges(0, new int[0], new int[0], new double[0]);

        assertThat(graph.nodeCount()).isZero();
        assertThat(graph.edgeCount()).isZero();
    }

    @Test
    void arrayBytesCountsBothDirections() {
        WeightedDigraph graph = WeightedDigraph.builder(3).addEdge(0, 1, 1).addEdge(1, 2, 1).build();

        // Offsets 2 x 4 ints, targets and sources 2 x 2 ints, one dangling node: 13 ints;
        // out-weights and in-shares 2 x 2 doubles, out-weight totals 3 doubles: 7 doubles.
        assertThat(graph.arrayBytes()).isEqualTo(13 * 4 + 7 * 8);
    }

    @Test
    void rejectsInvalidEdges() {
        assertThatThrownBy(() -> WeightedDigraph.fromEdges(2, new int[] {0}, new int[] {2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target 2");
        assertThatThrownBy(() -> WeightedDigraph.fromEdges(2, new int[] {-1}, new int[] {0}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source -1");
        assertThatThrownBy(() -> WeightedDigraph.fromEdges(2, new int[] {0}, new int[] {1}, new double[] {-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not negative");
        assertThatThrownBy(() -> WeightedDigraph.fromEdges(2, new int[] {0}, new int[] {1}, new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedDigraph.fromEdges(2, new int[] {0}, new int[] {1},
                new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedDigraph.fromEdges(2, new int[] {0, 0}, new int[] {1, 0},
                new double[] {Double.MAX_VALUE, Double.MAX_VALUE}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflow");
        assertThatThrownBy(() -> WeightedDigraph.fromEdges(2, new int[] {0, 1}, new int[] {1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
    }
}
