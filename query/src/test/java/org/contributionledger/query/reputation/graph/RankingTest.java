package org.contributionledger.query.reputation.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RankingTest {

    @Test
    void ranksHighestFirstAndBreaksTiesByNodeId() {
        Ranking ranking = Ranking.of(new double[] {0.1, 0.4, 0.1, 0.3, 0.1});

        assertThat(IntStream.range(0, 5).map(ranking::rank).toArray()).containsExactly(3, 1, 4, 2, 5);
        assertThat(ranking.nodeAtRank(1)).isEqualTo(1);
        assertThat(ranking.nodeAtRank(5)).isEqualTo(4);
    }

    @Test
    void percentileIsTheShareOfOthersWithALowerScore() {
        Ranking ranking = Ranking.of(new double[] {0.1, 0.4, 0.1, 0.3, 0.1});

        assertThat(ranking.percentile(1)).isEqualTo(100.0);
        assertThat(ranking.percentile(3)).isEqualTo(75.0);
        // Tied nodes share a percentile although their ranks differ.
        assertThat(ranking.percentile(0)).isZero();
        assertThat(ranking.percentile(2)).isZero();
        assertThat(ranking.percentile(4)).isZero();
    }

    @Test
    void describesNodesAndListsTheTop() {
        Ranking ranking = Ranking.of(new double[] {0.2, 0.5, 0.3});

        assertThat(ranking.describe(2)).isEqualTo(new Ranking.NodeInfluence(2, 0.3, 0.3 * 3, 2, 50.0));
        assertThat(ranking.top(2)).extracting(Ranking.NodeInfluence::node).containsExactly(1, 2);
        assertThat(ranking.top(10)).hasSize(3);
        assertThat(ranking.describe(1).relativeScore()).isCloseTo(1.5, within(1e-15));
    }

    @Test
    void singleNodeIsAtTheTop() {
        Ranking ranking = Ranking.of(new double[] {1});

        assertThat(ranking.rank(0)).isEqualTo(1);
        assertThat(ranking.percentile(0)).isEqualTo(100.0);
    }

    @Test
    void agreesWithASortOfBoxedValuesOnRandomInput() {
        Random random = new Random(7);
        double[] scores = new double[5000];
        for (int node = 0; node < scores.length; node++) {
            scores[node] = random.nextInt(300) / 300.0; // many ties
        }
        Ranking ranking = Ranking.of(scores);
        Integer[] expected = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(expected, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : a - b);

        for (int rank = 1; rank <= scores.length; rank++) {
            assertThat(ranking.nodeAtRank(rank)).isEqualTo(expected[rank - 1]);
            assertThat(ranking.rank(expected[rank - 1])).isEqualTo(rank);
        }
    }
}
