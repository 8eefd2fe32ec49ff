package org.contributionledger.query.reputation.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GraphMetricsTest {

    /** 0 <-> 1, 1 -> 2, 2 -> 3, 3 <-> 4, 5 isolated, 4 -> 4 (a self-loop). */
    private static WeightedDigraph sample() {
        return WeightedDigraph.builder(6)
                .addEdge(0, 1, 1).addEdge(1, 0, 2)
                .addEdge(1, 2, 1)
                .addEdge(2, 3, 1)
                .addEdge(3, 4, 1).addEdge(4, 3, 1)
                .addEdge(4, 4, 5)
                .build();
    }

    @Test
    void reciprocityCountsReturnedEdgesButNotSelfLoops() {
        WeightedDigraph graph = sample();

        // Seven edges; four (0->1, 1->0, 3->4, 4->3) are returned.
        assertThat(GraphMetrics.edgewiseReciprocity(graph)).isEqualTo(4.0 / 7);
        assertThat(GraphMetrics.mutualPairs(graph)).isEqualTo(2);
    }

    @Test
    void garlaschelliLoffredoComparesWithTheDensity() {
        WeightedDigraph graph = sample();
        // Without the self-loop: r = 4/6, a = 6 / (6 * 5).
        double r = 4.0 / 6;
        double a = 6.0 / 30;

        assertThat(GraphMetrics.garlaschelliLoffredoReciprocity(graph)).isCloseTo((r - a) / (1 - a), within(1e-15));
        assertThat(GraphMetrics.garlaschelliLoffredoReciprocity(WeightedDigraph.builder(1).build())).isZero();
        WeightedDigraph complete = WeightedDigraph.builder(2).addEdge(0, 1, 1).addEdge(1, 0, 1).build();
        assertThat(GraphMetrics.garlaschelliLoffredoReciprocity(complete)).isEqualTo(1.0);
    }

    @Test
    void characterIsTheShareOfReturnedOutTies() {
        WeightedDigraph graph = sample();

        assertThat(GraphMetrics.character(graph, 1)).hasValue(0.5);
        assertThat(GraphMetrics.character(graph, 2)).hasValue(0.0);
        assertThat(GraphMetrics.character(graph, 4)).hasValue(0.5); // returned by 3; the self-loop is not
        assertThat(GraphMetrics.character(graph, 5)).isEmpty();
    }

    @Test
    void reachCountsDistinctNodesWithinTwoHopsIgnoringDirection() {
        WeightedDigraph graph = sample();

        assertThat(GraphMetrics.reach(graph, 0)).isEqualTo(2); // 1, then 2
        assertThat(GraphMetrics.reach(graph, 2)).isEqualTo(4); // 1 and 3, then 0 and 4
        assertThat(GraphMetrics.reach(graph, 4)).isEqualTo(2); // 3, then 2; not itself
        assertThat(GraphMetrics.reach(graph, 5)).isZero();
    }

    @Test
    void giniMatchesNumpyPairwiseFormula() {
        assertThat(GraphMetrics.gini(new double[] {1, 2, 3, 4, 10}))
                .isCloseTo(ReferenceData.figure("gini.example_1_2_3_4_10"), within(1e-15));
        assertThat(GraphMetrics.gini(new double[] {5, 5, 5, 5})).isCloseTo(ReferenceData.figure("gini.example_equal"), within(1e-15));
        assertThat(GraphMetrics.gini(new double[] {0, 0, 0, 7}))
                .isCloseTo(ReferenceData.figure("gini.example_one_holder"), within(1e-15));
        assertThat(GraphMetrics.gini(new double[0])).isZero();
        assertThat(GraphMetrics.gini(new double[] {0, 0})).isZero();
        assertThatThrownBy(() -> GraphMetrics.gini(new double[] {1, -1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shannonDiversityMatchesNumpy() {
        assertThat(GraphMetrics.shannonDiversity(new double[] {1, 1, 2, 4}))
                .isCloseTo(ReferenceData.figure("shannon.example_1_1_2_4"), within(1e-15));
        assertThat(GraphMetrics.shannonDiversity(new double[] {3, 3, 3, 3, 3, 3, 3, 3, 0}))
                .isCloseTo(ReferenceData.figure("shannon.example_uniform_8"), within(1e-15))
                .isCloseTo(Math.log(8), within(1e-15));
        assertThat(GraphMetrics.shannonDiversity(new double[] {0, 9})).isZero();
        assertThat(GraphMetrics.shannonDiversity(new double[0])).isZero();
        assertThatThrownBy(() -> GraphMetrics.shannonDiversity(new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
