package org.contributionledger.query.reputation.layout;

import java.util.Arrays;
import java.util.List;

/**
 * Places the members of a network on a plane so that tied members sit close and untied ones apart,
 * for drawing: Fruchterman and Reingold's spring model (1991), with the repulsion between all pairs
 * approximated by Barnes and Hut's quadtree (1986), so an iteration costs O(n log n + edges) rather
 * than O(n²), and a pull towards the centre that keeps separate components and lone members in view.
 * <p>
 * Pure and deterministic: the same nodes, edges and start positions give the same positions, bit for
 * bit, on every machine (no randomness, no threads, no clock). Callers choose start positions that
 * depend on each member alone (see {@link #startPosition}), so a member keeps roughly their place when
 * others join. Positions come out scaled into a square of side {@link #SIDE}.
 */
public final class ForceDirectedLayout {

    /** The answer's positions lie in [0, SIDE] on both axes. */
    public static final double SIDE = 1000.0;
    /**
     * Enough for the layout to settle on the networks measured (Bitcoin OTC: 5,881 members, about a
     * second on one core); each step costs O(n log n + edges).
     */
    public static final int DEFAULT_ITERATIONS = 120;

    /** Cells smaller than THETA times their distance act as one body: the usual accuracy/speed compromise. */
    private static final double THETA = 1.2;
    /** Strength of the pull towards the centre, relative to the springs (see class comment). */
    private static final double GRAVITY = 0.5;
    /** Below this squared distance two bodies count as this close: no division by zero, no explosion. */
    private static final double MIN_DISTANCE_SQUARED = 1e-4;

    private ForceDirectedLayout() {
    }

    /** x[i], y[i]: where node i is drawn. */
    public record Positions(double[] x, double[] y) {
    }

    /**
     * @param nodeCount  nodes numbered 0..nodeCount-1
     * @param from       one end of each edge (edges are undirected here; a pair listed twice pulls twice)
     * @param to         the other end
     * @param startX     where each node starts, in any unit (see {@link #startPosition})
     * @param startY     idem
     * @param iterations how many steps; the step size cools linearly to zero over them
     */
    public static Positions compute(int nodeCount, int[] from, int[] to, double[] startX, double[] startY,
                                    int iterations) {
        if (from.length != to.length || startX.length != nodeCount || startY.length != nodeCount) {
            throw new IllegalArgumentException("edges need both ends and every node a start position");
        }
        double[] x = Arrays.copyOf(startX, nodeCount);
        double[] y = Arrays.copyOf(startY, nodeCount);
        if (nodeCount > 1) {
            settle(nodeCount, from, to, x, y, iterations);
        }
        return scaled(x, y);
    }

    /**
     * A start position that depends on the member alone (a hash of their id), spread over a square whose
     * area grows with the network, one unit of area per member, as the springs' natural length is 1.
     */
    public static double[] startPosition(String memberId, int nodeCount) {
        long hash = mix(memberId.hashCode() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        double side = Math.sqrt(Math.max(nodeCount, 1));
        double u = (hash >>> 11) * 0x1.0p-53;
        double v = (mix(hash) >>> 11) * 0x1.0p-53;
        return new double[] {(u - 0.5) * side, (v - 0.5) * side};
    }

    /**
     * Start positions that give each group (a sphere of influence) a region of its own, so that the
     * springs refine a drawing already arranged by group: the largest group in the middle, the others
     * around it on a golden-angle spiral, each region's area its member count (one unit of area per
     * member, as in {@link #startPosition}). Within its region a member's place depends on their id
     * alone. Members of no group (0) start as {@link #startPosition} says.
     *
     * @param group each node's group, 1..k (1 the largest, as spheres are numbered), or 0
     * @return {x, y}: two arrays of start positions by node
     */
    public static double[][] groupedStartPositions(List<String> memberIds, int[] group) {
        int n = memberIds.size();
        int groups = 0;
        for (int g : group) {
            groups = Math.max(groups, g);
        }
        int[] size = new int[groups + 1];
        for (int g : group) {
            size[g]++;
        }
        double[] centreX = new double[groups + 1];
        double[] centreY = new double[groups + 1];
        double placed = 0;
        for (int g = 1; g <= groups; g++) {
            // The spiral's radius grows with the area already used, so regions neither overlap much nor drift apart.
            double radius = g == 1 ? 0 : Math.sqrt((placed + size[g] / 2.0) / Math.PI) + Math.sqrt(size[g] / Math.PI);
            double angle = g * 2.399963229728653;
            centreX[g] = radius * Math.cos(angle);
            centreY[g] = radius * Math.sin(angle);
            placed += size[g];
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            String member = memberIds.get(i);
            int g = group[i];
            if (g <= 0) {
                double[] start = startPosition(member, n);
                x[i] = start[0];
                y[i] = start[1];
                continue;
            }
            long hash = mix(member.hashCode() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
            double u = (hash >>> 11) * 0x1.0p-53;
            double v = (mix(hash) >>> 11) * 0x1.0p-53;
            // A uniform point of the group's disc: radius by the square root, so the disc fills evenly.
            double r = Math.sqrt(size[g] / Math.PI) * Math.sqrt(u);
            x[i] = centreX[g] + r * Math.cos(2 * Math.PI * v);
            y[i] = centreY[g] + r * Math.sin(2 * Math.PI * v);
        }
        return new double[][] {x, y};
    }

    /** SplitMix64's finaliser: spreads neighbouring hash codes over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void settle(int n, int[] from, int[] to, double[] x, double[] y, int iterations) {
        double[] dx = new double[n];
        double[] dy = new double[n];
        QuadTree tree = new QuadTree(n);
        // The springs' natural length is 1, so the whole drawing spans about sqrt(n): the first steps may
        // cross a tenth of it, the last barely move.
        double startTemperature = Math.max(1.0, Math.sqrt(n) / 10);
        for (int step = 0; step < iterations; step++) {
            Arrays.fill(dx, 0);
            Arrays.fill(dy, 0);
            tree.build(x, y);
            for (int i = 0; i < n; i++) {
                tree.repel(i, x[i], y[i], dx, dy);
                // Pull towards the origin, growing with the distance: lone members stay in view.
                dx[i] -= GRAVITY * x[i];
                dy[i] -= GRAVITY * y[i];
            }
            for (int e = 0; e < from.length; e++) {
                int a = from[e];
                int b = to[e];
                if (a == b) {
                    continue;
                }
                double ex = x[a] - x[b];
                double ey = y[a] - y[b];
                // Attraction d²/k with k = 1, along the edge: ex * d.
                double d = Math.sqrt(ex * ex + ey * ey);
                dx[a] -= ex * d;
                dy[a] -= ey * d;
                dx[b] += ex * d;
                dy[b] += ey * d;
            }
            double temperature = startTemperature * (1.0 - (double) step / iterations);
            for (int i = 0; i < n; i++) {
                double length = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
                if (length > 0) {
                    double move = Math.min(length, temperature) / length;
                    x[i] += dx[i] * move;
                    y[i] += dy[i] * move;
                }
            }
        }
    }

    /** Into [0, SIDE]², keeping the aspect ratio, centred on the shorter axis. */
    private static Positions scaled(double[] x, double[] y) {
        int n = x.length;
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            minY = Math.min(minY, y[i]);
            maxY = Math.max(maxY, y[i]);
        }
        double extent = Math.max(maxX - minX, maxY - minY);
        double scale = extent > 0 ? SIDE / extent : 0;
        double offsetX = (SIDE - (maxX - minX) * scale) / 2;
        double offsetY = (SIDE - (maxY - minY) * scale) / 2;
        double[] outX = new double[n];
        double[] outY = new double[n];
        for (int i = 0; i < n; i++) {
            // One decimal is finer than any screen shows, and keeps the drawing's JSON small.
            outX[i] = extent > 0 ? Math.round(((x[i] - minX) * scale + offsetX) * 10) / 10.0 : SIDE / 2;
            outY[i] = extent > 0 ? Math.round(((y[i] - minY) * scale + offsetY) * 10) / 10.0 : SIDE / 2;
        }
        return new Positions(outX, outY);
    }

    /**
     * Barnes–Hut quadtree in flat arrays, rebuilt every iteration. A cell is empty, a leaf holding one
     * body (or, at the depth limit, several bodies at about the same place, as one), or internal.
     */
    private static final class QuadTree {

        private static final int EMPTY = -1;
        private static final int INTERNAL = -2;
        /** Coincident bodies would otherwise split cells forever. */
        private static final int MAX_DEPTH = 48;

        private int[] child;
        private int[] body;
        private double[] mass;
        private double[] sumX;
        private double[] sumY;
        private double[] minX;
        private double[] minY;
        private double[] size;
        private int cells;
        private double[] bodyX;
        private double[] bodyY;
        /** Cells still to visit while summing one body's repulsion; depth-first, so it stays short. */
        private int[] stack;

        QuadTree(int n) {
            int capacity = Math.max(16, 2 * n);
            child = new int[4 * capacity];
            body = new int[capacity];
            mass = new double[capacity];
            sumX = new double[capacity];
            sumY = new double[capacity];
            minX = new double[capacity];
            minY = new double[capacity];
            size = new double[capacity];
            stack = new int[4 * MAX_DEPTH + 8];
        }

        void build(double[] x, double[] y) {
            bodyX = x;
            bodyY = y;
            double lowX = Double.POSITIVE_INFINITY;
            double lowY = Double.POSITIVE_INFINITY;
            double highX = Double.NEGATIVE_INFINITY;
            double highY = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                lowX = Math.min(lowX, x[i]);
                highX = Math.max(highX, x[i]);
                lowY = Math.min(lowY, y[i]);
                highY = Math.max(highY, y[i]);
            }
            double side = Math.max(Math.max(highX - lowX, highY - lowY), 1e-9) * 1.0001;
            cells = 0;
            newCell(lowX, lowY, side);
            for (int i = 0; i < x.length; i++) {
                insert(i, x[i], y[i]);
            }
        }

        private int newCell(double cellX, double cellY, double side) {
            if (cells == body.length) {
                grow();
            }
            int cell = cells++;
            body[cell] = EMPTY;
            mass[cell] = 0;
            sumX[cell] = 0;
            sumY[cell] = 0;
            minX[cell] = cellX;
            minY[cell] = cellY;
            size[cell] = side;
            Arrays.fill(child, 4 * cell, 4 * cell + 4, -1);
            return cell;
        }

        private void grow() {
            int capacity = body.length * 2;
            child = Arrays.copyOf(child, 4 * capacity);
            body = Arrays.copyOf(body, capacity);
            mass = Arrays.copyOf(mass, capacity);
            sumX = Arrays.copyOf(sumX, capacity);
            sumY = Arrays.copyOf(sumY, capacity);
            minX = Arrays.copyOf(minX, capacity);
            minY = Arrays.copyOf(minY, capacity);
            size = Arrays.copyOf(size, capacity);
        }

        private void insert(int i, double px, double py) {
            int cell = 0;
            for (int depth = 0; ; depth++) {
                if (body[cell] == EMPTY) {
                    body[cell] = i;
                    mass[cell] = 1;
                    sumX[cell] = px;
                    sumY[cell] = py;
                    return;
                }
                if (body[cell] >= 0 && depth < MAX_DEPTH) {
                    // A leaf that must split: its body moves one level down, to an empty child.
                    int other = body[cell];
                    body[cell] = INTERNAL;
                    int below = childAt(cell, bodyX[other], bodyY[other]);
                    body[below] = other;
                    mass[below] = 1;
                    sumX[below] = bodyX[other];
                    sumY[below] = bodyY[other];
                }
                mass[cell] += 1;
                sumX[cell] += px;
                sumY[cell] += py;
                if (body[cell] != INTERNAL) {
                    return; // at the depth limit: the leaf holds both, as one
                }
                cell = childAt(cell, px, py);
            }
        }

        /** The child of {@code cell} whose quarter holds (px, py), created empty if missing. */
        private int childAt(int cell, double px, double py) {
            double half = size[cell] / 2;
            int quarter = (px >= minX[cell] + half ? 1 : 0) + (py >= minY[cell] + half ? 2 : 0);
            int slot = 4 * cell + quarter;
            if (child[slot] < 0) {
                int created = newCell(minX[cell] + ((quarter & 1) == 0 ? 0 : half),
                        minY[cell] + ((quarter & 2) == 0 ? 0 : half), half);
                child[slot] = created; // after newCell: it may have replaced the array
            }
            return child[slot];
        }

        /** Adds the repulsion k²/d (k = 1) of every other body on body i to (dx[i], dy[i]). */
        void repel(int i, double px, double py, double[] dx, double[] dy) {
            int top = 0;
            int[] pending = stack;
            pending[top++] = 0;
            double forceX = 0;
            double forceY = 0;
            while (top > 0) {
                int cell = pending[--top];
                if (mass[cell] == 0 || body[cell] == i && mass[cell] == 1) {
                    continue;
                }
                double m = mass[cell];
                double cx = sumX[cell] / m;
                double cy = sumY[cell] / m;
                double ex = px - cx;
                double ey = py - cy;
                double d2 = ex * ex + ey * ey;
                if (body[cell] == INTERNAL && size[cell] * size[cell] >= THETA * THETA * d2) {
                    for (int q = 0; q < 4; q++) {
                        int below = child[4 * cell + q];
                        if (below >= 0) {
                            if (top == pending.length) {
                                pending = Arrays.copyOf(pending, pending.length * 2);
                                stack = pending;
                            }
                            pending[top++] = below;
                        }
                    }
                    continue;
                }
                if (d2 < MIN_DISTANCE_SQUARED) {
                    // Bodies on top of each other: push apart in a direction fixed by the body's number,
                    // so that the result stays deterministic.
                    double angle = i * 2.399963229728653; // the golden angle
                    ex = Math.cos(angle) * 0.01;
                    ey = Math.sin(angle) * 0.01;
                    d2 = MIN_DISTANCE_SQUARED;
                }
                // Magnitude m/d along the unit vector (ex, ey)/d.
                forceX += ex * m / d2;
                forceY += ey * m / d2;
            }
            dx[i] += forceX;
            dy[i] += forceY;
        }
    }
}
