package org.contributionledger.query.reputation.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Why the choice of teleport vector matters: a Sybil ring attached to the Bitcoin OTC network.
 *
 * <p>200 fake members trust each other at weight 10 and one honest member of middling influence
 * (chosen by the reference script) trusts one fake at weight 1. With a uniform teleport vector
 * every fake account receives restart mass, which the ring then keeps, so the ring ends up with
 * several percent of all influence. With restart mass only on three pre-trusted members (the top
 * three of the uniform ranking), the ring gains only what trickles in through the one honest
 * member's single weak tie. Both figures are checked against networkx.
 */
class SybilRingTest {

    private static final double RING_WEIGHT = 10;
    private static final double BRIDGE_WEIGHT = 1;

    private static ReferenceData.BitcoinOtc data;
    private static WeightedDigraph attacked;
    private static int firstFake;
    private static int ringSize;
    private static int[] seeds;

    @BeforeAll
    static void buildAttackedGraph() {
        data = ReferenceData.bitcoinOtc();
        ringSize = ReferenceData.intFigure("sybil.ring_size");
        firstFake = data.nodeCount();
        WeightedDigraph.Builder builder = WeightedDigraph.builder(data.nodeCount() + ringSize);
        data.addPositiveEdges(builder);
        for (int fake = firstFake; fake < firstFake + ringSize; fake++) {
            for (int other = firstFake; other < firstFake + ringSize; other++) {
                if (fake != other) {
                    builder.addEdge(fake, other, RING_WEIGHT);
                }
            }
        }
        int honest = data.indexOf(ReferenceData.intFigure("sybil.honest_member"));
        builder.addEdge(honest, firstFake, BRIDGE_WEIGHT);
        attacked = builder.build();
        seeds = Arrays.stream(ReferenceData.intListFigure("bitcoinotc.seeds")).map(data::indexOf).toArray();
    }

    @Test
    void preTrustedSeedsKeepTheRingBelowOnePercent() {
        InfluenceResult result = InfluenceSolver.solve(attacked, Teleport.preTrusted(seeds));
        double ring = ringInfluence(result);

        assertThat(ring).isLessThan(0.01);
        assertThat(ring).isCloseTo(ReferenceData.figure("sybil.ring_influence_pretrusted"), within(1e-9));
    }

    @Test
    void uniformTeleportLetsTheRingCaptureFarMore() {
        double uniform = ringInfluence(InfluenceSolver.solve(attacked, Teleport.uniform()));
        double seeded = ringInfluence(InfluenceSolver.solve(attacked, Teleport.preTrusted(seeds)));

        // networkx: about 4.5% of all influence with a uniform vector, against about 0.006% with seeds.
        assertThat(uniform).isCloseTo(ReferenceData.figure("sybil.ring_influence_uniform"), within(1e-9));
        assertThat(uniform).isGreaterThan(0.04);
        assertThat(uniform).isGreaterThan(100 * seeded);
    }

    @Test
    void theFakesAreAllInTheGraph() {
        assertThat(attacked.nodeCount()).isEqualTo(5881 + 200);
        assertThat(attacked.edgeCount()).isEqualTo(ReferenceData.intFigure("bitcoinotc.positive_edges") + 200 * 199 + 1);
    }

    private static double ringInfluence(InfluenceResult result) {
        double total = 0;
        for (int fake = firstFake; fake < firstFake + ringSize; fake++) {
            total += result.score(fake);
        }
        return total;
    }
}
