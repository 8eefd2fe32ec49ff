package org.contributionledger.query.reputation.spheres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.contributionledger.query.reputation.graph.InfluenceSolver;
import org.contributionledger.query.reputation.graph.Teleport;
import org.contributionledger.query.reputation.graph.WeightedDigraph;
import org.junit.jupiter.api.Test;

/**
 * Two obvious spheres and one bridge, written out: members 0-3 all trust each other (level 5), so do
 * members 4-7, and member 8 trusts and is trusted by 0 and 1 on one side and 4 and 5 on the other
 * (level 1); member 9 has no ties.
 */
class SpheresTest {

    private static final double ALPHA = 0.15;

    private static WeightedDigraph community() {
        WeightedDigraph.Builder builder = WeightedDigraph.builder(10);
        for (int[] group : new int[][] {{0, 1, 2, 3}, {4, 5, 6, 7}}) {
            for (int truster : group) {
                for (int trustee : group) {
                    if (truster != trustee) {
                        builder.addEdge(truster, trustee, 5);
                    }
                }
            }
        }
        for (int member : new int[] {0, 1, 4, 5}) {
            builder.addEdge(8, member, 1).addEdge(member, 8, 1);
        }
        return builder.build();
    }

    private static Spheres spheres() {
        WeightedDigraph graph = community();
        double[] influence = InfluenceSolver.solve(graph, Teleport.uniform()).scores();
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        // Positive trust is all there is: the contacts are the trust ties.
        return Spheres.of(graph, graph, influence, ALPHA, order);
    }

    @Test
    void theTwoGroupsAreTheSpheresAndTheBridgeJoinsOne() {
        Spheres spheres = spheres();

        assertThat(spheres.spheres()).hasSize(2);
        Sphere first = spheres.sphere(1);
        Sphere second = spheres.sphere(2);
        assertThat(first.size()).isEqualTo(5);
        assertThat(second.size()).isEqualTo(4);
        assertThat(first.members()).contains(8);
        // Its ties to either group weigh the same: which one it joins is the seed's choice.
        boolean withFirstGroup = Arrays.stream(first.members()).anyMatch(member -> member < 4);
        assertThat(first.members()).containsExactlyInAnyOrder(
                withFirstGroup ? new int[] {0, 1, 2, 3, 8} : new int[] {4, 5, 6, 7, 8});
        assertThat(second.members()).containsExactlyInAnyOrder(
                withFirstGroup ? new int[] {4, 5, 6, 7} : new int[] {0, 1, 2, 3});
        assertThat(spheres.modularity()).isGreaterThan(0.3);
    }

    @Test
    void aMemberWithoutTiesIsInNoSphere() {
        Spheres spheres = spheres();

        assertThat(spheres.sphereOf(9)).isZero();
        assertThat(spheres.spheresTied(9)).isEmpty();
        assertThat(spheres.isBridge(9)).isFalse();
        assertThat(spheres.participation(9)).isZero();
        assertThat(spheres.sphere(3)).isNull();
        assertThat(spheres.sphere(0)).isNull();
    }

    @Test
    void theMemberBetweenTheGroupsIsTheOnlyBridge() {
        Spheres spheres = spheres();

        assertThat(spheres.bridges()).containsExactly(8);
        assertThat(spheres.isBridge(8)).isTrue();
        assertThat(spheres.spheresTied(8)).containsExactly(1, 2);
        // Two of its four equal ties go to each sphere: 1 - (1/2)^2 - (1/2)^2.
        assertThat(spheres.participation(8)).isCloseTo(0.5, within(1e-12));
        // Every shortest path between the groups runs through it: 16 of the 36 pairs of other members
        // that are connected, out of (10 - 1)(10 - 2) / 2 = 36 pairs.
        assertThat(spheres.betweenness(8)).isCloseTo(16.0 / 36, within(1e-12));
        assertThat(spheres.betweennessExact()).isTrue();
        // Members tied to the bridge may reach its sphere through it, but their ties stay at home.
        for (int member = 0; member < 8; member++) {
            assertThat(spheres.isBridge(member)).isFalse();
        }
        assertThat(spheres.spheresTied(2)).hasSize(1);
        assertThat(spheres.spheresTied(6)).hasSize(1);
    }

    @Test
    void densityCountsContactsInsideTheSphere() {
        Spheres spheres = spheres();

        // Six ties among four members and two more to the bridge: 8 of the 10 pairs of five.
        assertThat(spheres.sphere(1).density()).isCloseTo(0.8, within(1e-12));
        assertThat(spheres.sphere(2).density()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void influenceWithinASphereSumsToOneAndSharesAddUpToTheTiedMembersInfluence() {
        WeightedDigraph graph = community();
        double[] influence = InfluenceSolver.solve(graph, Teleport.uniform()).scores();
        Spheres spheres = spheres();

        for (Sphere sphere : spheres.spheres()) {
            double within = Arrays.stream(sphere.members()).mapToDouble(spheres::influenceInSphere).sum();
            assertThat(within).isCloseTo(1.0, within(1e-9));
            double share = Arrays.stream(sphere.members()).mapToDouble(member -> influence[member]).sum();
            assertThat(sphere.influenceShare()).isCloseTo(share, within(1e-12));
            // Ranked by influence within the sphere.
            for (int index = 1; index < sphere.size(); index++) {
                assertThat(spheres.influenceInSphere(sphere.members()[index - 1]))
                        .isGreaterThanOrEqualTo(spheres.influenceInSphere(sphere.members()[index]));
            }
        }
        assertThat(spheres.sphere(1).influenceShare() + spheres.sphere(2).influenceShare() + influence[9])
                .isCloseTo(1.0, within(1e-9));
        // Within its sphere the bridge, trusted at level 1 only, is the least influential.
        Sphere first = spheres.sphere(1);
        assertThat(first.members()[first.size() - 1]).isEqualTo(8);
    }

    @Test
    void anEmptyCommunityHasNoSpheres() {
        WeightedDigraph empty = WeightedDigraph.builder(0).build();

        Spheres spheres = Spheres.of(empty, empty, null, ALPHA, new int[0]);

        assertThat(spheres.spheres()).isEmpty();
        assertThat(spheres.bridges()).isEmpty();
        assertThat(spheres.modularity()).isZero();
    }
}
