package org.contributionledger.query.reputation.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ForceDirectedLayoutTest {

    /** Two cliques of {@code size} nodes (0..size-1 and size..2size-1) joined by one edge. */
    private static int[][] twoCliques(int size) {
        List<int[]> edges = new ArrayList<>();
        for (int block = 0; block < 2; block++) {
            for (int a = 0; a < size; a++) {
                for (int b = a + 1; b < size; b++) {
                    edges.add(new int[] {block * size + a, block * size + b});
                }
            }
        }
        edges.add(new int[] {0, size});
        int[] from = edges.stream().mapToInt(edge -> edge[0]).toArray();
        int[] to = edges.stream().mapToInt(edge -> edge[1]).toArray();
        return new int[][] {from, to};
    }

    private static ForceDirectedLayout.Positions layOut(int n, int[] from, int[] to) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] start = ForceDirectedLayout.startPosition("member-" + i, n);
            x[i] = start[0];
            y[i] = start[1];
        }
        return ForceDirectedLayout.compute(n, from, to, x, y, ForceDirectedLayout.DEFAULT_ITERATIONS);
    }

    private static double distance(ForceDirectedLayout.Positions p, int a, int b) {
        return Math.hypot(p.x()[a] - p.x()[b], p.y()[a] - p.y()[b]);
    }

    @Test
    void membersOfACliqueSitTogetherAndApartFromTheOtherClique() {
        int size = 12;
        int[][] edges = twoCliques(size);
        ForceDirectedLayout.Positions positions = layOut(2 * size, edges[0], edges[1]);

        double within = 0;
        double across = 0;
        int withinPairs = 0;
        int acrossPairs = 0;
        for (int a = 0; a < 2 * size; a++) {
            for (int b = a + 1; b < 2 * size; b++) {
                if (a / size == b / size) {
                    within += distance(positions, a, b);
                    withinPairs++;
                } else {
                    across += distance(positions, a, b);
                    acrossPairs++;
                }
            }
        }
        assertThat(within / withinPairs).as("mean distance inside a clique, against across the two")
                .isLessThan(0.5 * across / acrossPairs);
    }

    @Test
    void theSameNetworkIsPlacedTheSameWayEveryTime() {
        int[][] edges = twoCliques(30);
        ForceDirectedLayout.Positions first = layOut(60, edges[0], edges[1]);
        ForceDirectedLayout.Positions second = layOut(60, edges[0], edges[1]);

        assertThat(second.x()).containsExactly(first.x());
        assertThat(second.y()).containsExactly(first.y());
    }

    @Test
    void positionsFillTheSquareFromZeroToSideWithoutNaN() {
        int[][] edges = twoCliques(20);
        // Ten more members without any tie: pulled into view, not flung away.
        ForceDirectedLayout.Positions positions = layOut(50, edges[0], edges[1]);

        double maxX = 0;
        double maxY = 0;
        for (int i = 0; i < 50; i++) {
            assertThat(positions.x()[i]).isBetween(0.0, ForceDirectedLayout.SIDE);
            assertThat(positions.y()[i]).isBetween(0.0, ForceDirectedLayout.SIDE);
            maxX = Math.max(maxX, positions.x()[i]);
            maxY = Math.max(maxY, positions.y()[i]);
        }
        assertThat(Math.max(maxX, maxY)).as("the longer side spans the square").isEqualTo(ForceDirectedLayout.SIDE);
    }

    @Test
    void membersStartingOnTheSameSpotAreSpreadApart() {
        int n = 40;
        int[][] edges = twoCliques(n / 2);
        ForceDirectedLayout.Positions positions = ForceDirectedLayout.compute(n, edges[0], edges[1], new double[n],
                new double[n], ForceDirectedLayout.DEFAULT_ITERATIONS);

        for (int a = 0; a < n; a++) {
            assertThat(Double.isFinite(positions.x()[a]) && Double.isFinite(positions.y()[a])).isTrue();
            for (int b = a + 1; b < n; b++) {
                assertThat(distance(positions, a, b)).as("members %d and %d", a, b).isGreaterThan(1.0);
            }
        }
    }

    @Test
    void oneMemberSitsInTheMiddleAndNoneGiveNothing() {
        ForceDirectedLayout.Positions one = ForceDirectedLayout.compute(1, new int[0], new int[0], new double[] {3},
                new double[] {-7}, 10);
        assertThat(one.x()).containsExactly(ForceDirectedLayout.SIDE / 2);
        assertThat(one.y()).containsExactly(ForceDirectedLayout.SIDE / 2);

        ForceDirectedLayout.Positions none = ForceDirectedLayout.compute(0, new int[0], new int[0], new double[0],
                new double[0], 10);
        assertThat(none.x()).isEmpty();
    }

    @Test
    void groupsStartInRegionsOfTheirOwn() {
        List<String> members = new ArrayList<>();
        int[] group = new int[90];
        for (int i = 0; i < 90; i++) {
            members.add("member-" + i);
            group[i] = i < 50 ? 1 : i < 80 ? 2 : 3;
        }
        double[][] start = ForceDirectedLayout.groupedStartPositions(members, group);

        double within = 0;
        double across = 0;
        int withinPairs = 0;
        int acrossPairs = 0;
        for (int a = 0; a < 90; a++) {
            for (int b = a + 1; b < 90; b++) {
                double d = Math.hypot(start[0][a] - start[0][b], start[1][a] - start[1][b]);
                if (group[a] == group[b]) {
                    within += d;
                    withinPairs++;
                } else {
                    across += d;
                    acrossPairs++;
                }
            }
        }
        assertThat(within / withinPairs).isLessThan(0.7 * across / acrossPairs);
        assertThat(ForceDirectedLayout.groupedStartPositions(members, group)[0]).containsExactly(start[0]);
    }

    @Test
    void aMembersStartDependsOnTheirIdAloneAndGrowsWithTheNetwork() {
        assertThat(ForceDirectedLayout.startPosition("ada", 100))
                .containsExactly(ForceDirectedLayout.startPosition("ada", 100));
        assertThat(ForceDirectedLayout.startPosition("ada", 100))
                .isNotEqualTo(ForceDirectedLayout.startPosition("bob", 100));
        double[] small = ForceDirectedLayout.startPosition("ada", 100);
        double[] large = ForceDirectedLayout.startPosition("ada", 10_000);
        assertThat(large[0]).isEqualTo(small[0] * 10, org.assertj.core.data.Offset.offset(1e-9));
    }
}
