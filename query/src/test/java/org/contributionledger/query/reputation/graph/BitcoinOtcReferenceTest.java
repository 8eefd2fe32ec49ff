package org.contributionledger.query.reputation.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine against networkx on the Bitcoin OTC trust network (Kumar et al., ICDM 2016): 5,881
 * members, 35,592 ratings from -10 to +10. Positive ratings are local trust weighted by the
 * rating; negative ones do not propagate but the members who only received or gave them stay in
 * the graph, as dangling or unreached nodes.
 */
class BitcoinOtcReferenceTest {

    private static final double PER_NODE_TOLERANCE = 1e-9;

    private static ReferenceData.BitcoinOtc data;
    private static WeightedDigraph trust;

    @BeforeAll
    static void load() {
        data = ReferenceData.bitcoinOtc();
        trust = data.positiveTrustGraph();
    }

    @Test
    void sizesMatchThePublishedFigures() {
        WeightedDigraph everything = data.allEdgesStructure();

        assertThat(everything.nodeCount()).isEqualTo(5881).isEqualTo(ReferenceData.intFigure("bitcoinotc.nodes"));
        assertThat(everything.edgeCount()).isEqualTo(35592).isEqualTo(ReferenceData.intFigure("bitcoinotc.edges"));
        assertThat(trust.nodeCount()).isEqualTo(5881);
        assertThat(trust.edgeCount()).isEqualTo(ReferenceData.intFigure("bitcoinotc.positive_edges"));
        assertThat(trust.danglingCount()).isEqualTo(ReferenceData.intFigure("bitcoinotc.dangling_nodes_positive"));
    }

    @Test
    void reciprocityOfAllRatingsMatchesThePublishedFigures() {
        WeightedDigraph everything = data.allEdgesStructure();

        double reciprocity = GraphMetrics.edgewiseReciprocity(everything);
        assertThat(Math.round(reciprocity * 1e6) / 1e6).isEqualTo(0.792313);
        assertThat(reciprocity).isCloseTo(ReferenceData.figure("bitcoinotc.networkx_overall_reciprocity_all_edges"),
                within(1e-15));
        assertThat(GraphMetrics.mutualPairs(everything)).isEqualTo(14100);
        assertThat(GraphMetrics.garlaschelliLoffredoReciprocity(everything))
                .isCloseTo(ReferenceData.figure("bitcoinotc.garlaschelli_loffredo_all_edges"), within(1e-12));
    }

    @Test
    void reciprocityOfPositiveTrustMatchesNetworkx() {
        assertThat(GraphMetrics.edgewiseReciprocity(trust))
                .isCloseTo(ReferenceData.figure("bitcoinotc.reciprocity_positive"), within(1e-15));
        assertThat(GraphMetrics.mutualPairs(trust)).isEqualTo(ReferenceData.intFigure("bitcoinotc.mutual_pairs_positive"));
        assertThat(GraphMetrics.garlaschelliLoffredoReciprocity(trust))
                .isCloseTo(ReferenceData.figure("bitcoinotc.garlaschelli_loffredo_positive"), within(1e-12));
    }

    @Test
    void uniformInfluenceEqualsNetworkxPageRank() {
        InfluenceResult result = InfluenceSolver.solve(trust, Teleport.uniform());

        assertThat(result.converged()).isTrue();
        assertMatches(result, "bitcoinotc_pagerank_uniform.csv");
        assertThat(Arrays.stream(result.scores()).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void preTrustedInfluenceEqualsNetworkxWithPersonalisationAndDangling() {
        int[] seeds = Arrays.stream(ReferenceData.intListFigure("bitcoinotc.seeds")).map(data::indexOf).toArray();
        InfluenceResult result = InfluenceSolver.solve(trust, Teleport.preTrusted(seeds));

        assertMatches(result, "bitcoinotc_pagerank_pretrusted.csv");
    }

    @Test
    void personalisedInfluenceEqualsNetworkxWithPersonalisationAndDangling() {
        int seed = data.indexOf(ReferenceData.intFigure("bitcoinotc.single_seed"));
        InfluenceResult result = InfluenceSolver.solve(trust, Teleport.singleNode(seed));

        assertMatches(result, "bitcoinotc_pagerank_single_seed.csv");
    }

    @Test
    void seedsAreTheTopThreeOfTheUniformRanking() {
        Ranking ranking = InfluenceSolver.solve(trust, Teleport.uniform()).ranking();
        int[] seeds = ReferenceData.intListFigure("bitcoinotc.seeds");

        for (int position = 0; position < seeds.length; position++) {
            assertThat(data.memberIds()[ranking.nodeAtRank(position + 1)]).isEqualTo(seeds[position]);
        }
        assertThat(ranking.percentile(ranking.nodeAtRank(1))).isEqualTo(100.0);
    }

    @Test
    void explanationListsTheSameTopSourcesAsNetworkxAndAddsUpToTheScore() {
        InfluenceResult result = InfluenceSolver.solve(trust, Teleport.uniform());
        int explained = data.indexOf(ReferenceData.intFigure("bitcoinotc.explained_member"));

        Explanation explanation = Explanation.of(trust, result, explained, 10);

        List<String[]> expectedTop = ReferenceData.expectedRows("bitcoinotc_explanation_top_sources.csv");
        assertThat(explanation.topSources()).hasSize(expectedTop.size());
        for (int position = 0; position < expectedTop.size(); position++) {
            Explanation.Source source = explanation.topSources().get(position);
            assertThat(data.memberIds()[source.node()]).isEqualTo(Integer.parseInt(expectedTop.get(position)[1]));
            assertThat(source.contribution()).isCloseTo(Double.parseDouble(expectedTop.get(position)[2]), within(1e-11));
        }
        assertThat(explanation.sourceCount()).isEqualTo(ReferenceData.intFigure("bitcoinotc.explained_source_count"));
        assertThat(explanation.fromAllSources())
                .isCloseTo(ReferenceData.figure("bitcoinotc.explained_from_sources"), within(1e-10));
        assertThat(explanation.fromDanglingNodes())
                .isCloseTo(ReferenceData.figure("bitcoinotc.explained_from_dangling"), within(1e-12));
        assertThat(explanation.fromTeleport())
                .isCloseTo(ReferenceData.figure("bitcoinotc.explained_from_teleport"), within(1e-15));
        // Sum over all sources + dangling share + alpha * p_i == t_i, up to convergence.
        assertThat(explanation.residual()).isCloseTo(0, within(1e-11));
        assertThat(explanation.score()).isEqualTo(result.score(explained));
        // What is shown adds up: the ten listed sources, the others together, dangling and teleport.
        double listed = explanation.topSources().stream().mapToDouble(Explanation.Source::contribution).sum();
        assertThat(explanation.otherSourceCount()).isEqualTo(explanation.sourceCount() - 10);
        assertThat(listed + explanation.fromOtherSources()).isCloseTo(explanation.fromAllSources(), within(1e-15));
        assertThat(listed + explanation.fromOtherSources() + explanation.fromDanglingNodes()
                + explanation.fromTeleport()).isCloseTo(explanation.score(), within(1e-11));
    }

    @Test
    void giniOfInfluenceAndOfReceivedTrustMatchNumpy() {
        double[] scores = InfluenceSolver.solve(trust, Teleport.uniform()).scores();
        double[] inWeight = new double[trust.nodeCount()];
        for (int node = 0; node < trust.nodeCount(); node++) {
            double[] weights = trust.successorWeights(node);
            int[] targets = trust.successors(node);
            for (int edge = 0; edge < targets.length; edge++) {
                inWeight[targets[edge]] += weights[edge];
            }
        }

        assertThat(GraphMetrics.gini(scores)).isCloseTo(ReferenceData.figure("bitcoinotc.gini_of_uniform_pagerank"), within(1e-8));
        assertThat(GraphMetrics.gini(inWeight)).isCloseTo(ReferenceData.figure("bitcoinotc.gini_of_positive_in_weight"), within(1e-12));
    }

    @Test
    void reachCharacterAndDiversityOfSampledMembersMatchNetworkx() {
        List<String[]> rows = ReferenceData.expectedRows("bitcoinotc_node_metrics.csv");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(60);
        for (String[] row : rows) {
            int node = data.indexOf(Integer.parseInt(row[0]));
            assertThat(GraphMetrics.reach(trust, node)).as("reach of member %s", row[0]).isEqualTo(Integer.parseInt(row[1]));
            OptionalDouble character = GraphMetrics.character(trust, node);
            if (row[2].isEmpty()) {
                assertThat(character).as("character of member %s", row[0]).isEmpty();
            } else {
                assertThat(character.getAsDouble()).as("character of member %s", row[0])
                        .isCloseTo(Double.parseDouble(row[2]), within(1e-15));
            }
            assertThat(GraphMetrics.shannonDiversity(trust.successorWeights(node))).as("diversity of member %s", row[0])
                    .isCloseTo(Double.parseDouble(row[3]), within(1e-12));
        }
    }

    private static void assertMatches(InfluenceResult result, String expectedFile) {
        Map<Integer, Double> expected = ReferenceData.expectedVector(expectedFile);
        assertThat(expected).hasSize(data.nodeCount());
        double maxDifference = 0;
        for (Map.Entry<Integer, Double> entry : expected.entrySet()) {
            double difference = Math.abs(result.score(data.indexOf(entry.getKey())) - entry.getValue());
            maxDifference = Math.max(maxDifference, difference);
        }
        assertThat(maxDifference).as("largest difference from networkx in %s", expectedFile).isLessThan(PER_NODE_TOLERANCE);
    }
}
