package org.contributionledger.query.reputation.spheres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sphere engine against networkx and igraph on karate club, email-Eu-core and Bitcoin OTC (figures
 * made by reference/spheres/make_spheres_reference.py on the same weighted graphs), and on a planted
 * partition. Every graph and seed is stored or fixed, so no run can differ from another.
 */
class SpheresReferenceTest {

    private static final double EXACT = 1e-9;

    private static final Map<String, UndirectedGraph> GRAPHS = new ConcurrentHashMap<>();

    private static UndirectedGraph graph(String name) {
        return GRAPHS.computeIfAbsent(name, SphereReferenceData::graph);
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "email", "bitcoinotc"})
    void theGraphIsTheOneTheScriptBuilt(String name) {
        UndirectedGraph graph = graph(name);

        assertThat(graph.nodeCount()).isEqualTo(Integer.parseInt(SphereReferenceData.figure(name + ".nodes")));
        assertThat(graph.tieCount()).isEqualTo(Integer.parseInt(SphereReferenceData.figure(name + ".ties")));
        assertThat(graph.totalWeight()).isCloseTo(Double.parseDouble(SphereReferenceData.figure(name + ".total_weight")),
                within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "email", "bitcoinotc"})
    void modularityReachesNetworkxLouvainAndIgraphLeiden(String name) {
        UndirectedGraph graph = graph(name);
        int[] partition = Leiden.partition(graph, Spheres.LEIDEN_SEED);
        double ours = Modularity.of(graph, partition);

        List<SphereReferenceData.ModularityFigure> louvain = SphereReferenceData.modularityFigures(name, "networkx_louvain");
        List<SphereReferenceData.ModularityFigure> leiden = SphereReferenceData.modularityFigures(name, "igraph_leiden");
        double louvainBest = louvain.stream().mapToDouble(SphereReferenceData.ModularityFigure::modularity).max().orElseThrow();
        double leidenBest = leiden.stream().mapToDouble(SphereReferenceData.ModularityFigure::modularity).max().orElseThrow();
        System.out.printf("%s: ledger %.6f (%d spheres); networkx louvain seed 0 %.6f, best of 10 %.6f;"
                        + " igraph leiden seed 0 %.6f, best of 10 %.6f%n",
                name, ours, java.util.Arrays.stream(partition).max().orElse(-1) + 1, louvain.get(0).modularity(),
                louvainBest, leiden.get(0).modularity(), leidenBest);

        assertThat(louvain).hasSize(10);
        assertThat(leiden).hasSize(10);
        assertThat(louvain.get(0).seed()).isZero();
        assertThat(leiden.get(0).seed()).isZero();
        assertThat(ours).isGreaterThanOrEqualTo(louvain.get(0).modularity());
        assertThat(ours).isGreaterThanOrEqualTo(leiden.get(0).modularity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "email", "bitcoinotc"})
    void modularityOfAStoredPartitionEqualsNetworkx(String name) {
        int[] partition = SphereReferenceData.column(name + "_louvain_seed0.csv", 1);

        assertThat(Modularity.of(graph(name), partition))
                .isCloseTo(Double.parseDouble(SphereReferenceData.figure(name + ".louvain_seed0_modularity")), within(EXACT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "email", "bitcoinotc"})
    void participationOfAStoredPartitionEqualsTheScripts(String name) {
        int[] partition = SphereReferenceData.column(name + "_louvain_seed0.csv", 1);
        double[] expected = SphereReferenceData.doubleColumn(name + "_louvain_seed0.csv", 2);

        double[] actual = Participation.coefficients(graph(name), partition);

        assertThat(actual).hasSize(expected.length);
        for (int node = 0; node < expected.length; node++) {
            assertThat(actual[node]).as("participation of node %d", node).isCloseTo(expected[node], within(EXACT));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "email"})
    void betweennessEqualsNetworkx(String name) {
        double[] expected = SphereReferenceData.doubleColumn(name + "_betweenness.csv", 1);

        Betweenness betweenness = Betweenness.of(SphereReferenceData.unweighted(graph(name)));

        assertThat(betweenness.exact()).isTrue();
        assertThat(betweenness.values()).hasSize(expected.length);
        for (int node = 0; node < expected.length; node++) {
            assertThat(betweenness.at(node)).as("betweenness of node %d", node).isCloseTo(expected[node], within(EXACT));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"karate", "email", "bitcoinotc"})
    void everySphereIsConnected(String name) {
        // Leiden's guarantee, which Louvain lacks: no community falls apart into pieces.
        UndirectedGraph graph = graph(name);
        int[] partition = Leiden.partition(graph, Spheres.LEIDEN_SEED);

        int communities = java.util.Arrays.stream(partition).max().orElse(-1) + 1;
        int[] component = new int[graph.nodeCount()];
        java.util.Arrays.fill(component, -1);
        boolean[] communitySeen = new boolean[communities];
        for (int start = 0; start < graph.nodeCount(); start++) {
            if (component[start] >= 0) {
                continue;
            }
            assertThat(communitySeen[partition[start]]).as("community %d is in one piece", partition[start]).isFalse();
            communitySeen[partition[start]] = true;
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(start));
            component[start] = start;
            while (!queue.isEmpty()) {
                int node = queue.poll();
                for (int neighbour : graph.neighbours(node)) {
                    if (component[neighbour] < 0 && partition[neighbour] == partition[node]) {
                        component[neighbour] = start;
                        queue.add(neighbour);
                    }
                }
            }
        }
    }

    @Test
    void adjustedRandIndexEqualsTheScripts() {
        int[] a = SphereReferenceData.column("ari_pair.csv", 1);
        int[] b = SphereReferenceData.column("ari_pair.csv", 2);

        double expected = Double.parseDouble(SphereReferenceData.figure("ari_pair.adjusted_rand_index"));
        assertThat(expected).isBetween(0.3, 0.9);
        assertThat(AdjustedRandIndex.of(a, b)).isCloseTo(expected, within(1e-12));
        assertThat(AdjustedRandIndex.of(a, a)).isEqualTo(1.0);
    }

    @Test
    void findsAPlantedPartition() {
        UndirectedGraph graph = SphereReferenceData.plantedGraph();
        int[] blocks = SphereReferenceData.plantedBlocks();
        assertThat(graph.tieCount()).isEqualTo(Integer.parseInt(SphereReferenceData.figure("sbm.edges")));

        int[] found = Leiden.partition(graph, Spheres.LEIDEN_SEED);

        double ari = AdjustedRandIndex.of(blocks, found);
        System.out.printf("planted partition: adjusted Rand index %.4f, %d communities found%n", ari,
                java.util.Arrays.stream(found).max().orElse(-1) + 1);
        assertThat(ari).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void theSameSeedGivesTheSamePartition() {
        UndirectedGraph graph = graph("email");

        assertThat(Leiden.partition(graph, 7)).isEqualTo(Leiden.partition(graph, 7));
    }

    @Test
    void bitcoinOtcBetweennessIsEstimatedFromAFixedSampleCloseToTheExactValues() {
        UndirectedGraph contacts = SphereReferenceData.unweighted(graph("bitcoinotc"));

        long start = System.nanoTime();
        Betweenness estimate = Betweenness.of(contacts);
        long estimateMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        Betweenness exact = Betweenness.of(contacts, Long.MAX_VALUE);
        long exactMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("bitcoinotc betweenness: estimated from %d sources in %d ms, exact in %d ms%n",
                estimate.sources(), estimateMillis, exactMillis);

        assertThat(estimate.exact()).isFalse();
        assertThat(estimate.sources()).isEqualTo(1161);
        assertThat(exact.exact()).isTrue();
        // The member on most shortest paths is the same, and the estimate within a tenth of the value.
        int top = java.util.stream.IntStream.range(0, contacts.nodeCount()).boxed()
                .max(Comparator.comparingDouble(exact::at)).orElseThrow();
        int topEstimated = java.util.stream.IntStream.range(0, contacts.nodeCount()).boxed()
                .max(Comparator.comparingDouble(estimate::at)).orElseThrow();
        assertThat(topEstimated).isEqualTo(top);
        assertThat(estimate.at(top)).isCloseTo(exact.at(top), within(0.1 * exact.at(top)));
    }
}
