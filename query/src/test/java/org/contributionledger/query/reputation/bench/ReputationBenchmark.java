package org.contributionledger.query.reputation.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.contributionledger.query.reputation.graph.InfluenceResult;
import org.contributionledger.query.reputation.graph.InfluenceSolver;
import org.contributionledger.query.reputation.graph.Teleport;
import org.contributionledger.query.reputation.graph.WeightedDigraph;
import org.jgrapht.Graph;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedMultigraph;

/**
 * Measures a full influence recompute (build the graph from edge arrays, then solve) of the
 * reputation engine against JGraphT's {@link PageRank} on the same synthetic trust network, with a
 * uniform teleport vector so both compute the same thing.
 *
 * <p>Not a unit test: run it by hand, see docs/benchmarks.md ("Reputation engine") for the command
 * and measured figures. Arguments:
 * <pre>
 *   --quick                 100,000 nodes and 1,000,000 edges instead of 1,000,000 and 10,000,000
 *   --nodes N --edges E     any size
 *   --seed S                generator seed (default 42)
 *   --runs R                engine solves to time (default 3; the first is with a cold JIT)
 *   --jgrapht-tolerance T   JGraphT's per-node tolerance (default: engine tolerance / N, see below)
 *   --no-jgrapht            engine only
 * </pre>
 *
 * <p>Tolerances: the engine stops when the L1 change of an iteration is below 1e-10; JGraphT stops
 * when the largest per-node change is below its tolerance. Since the L1 change is at most N times
 * the largest change, giving JGraphT the tolerance 1e-10 / N guarantees that its last change is
 * no larger than the engine's, so its result is at least as accurate. Both results are also
 * measured against a tightly converged reference (engine, L1 change below 1e-14).
 */
public final class ReputationBenchmark {

    private static final double ALPHA = InfluenceSolver.DEFAULT_ALPHA;
    private static final double TOLERANCE = InfluenceSolver.DEFAULT_TOLERANCE;
    private static final int MAX_ITERATIONS = InfluenceSolver.DEFAULT_MAX_ITERATIONS;
    private static final double REFERENCE_TOLERANCE = 1e-14;

    private ReputationBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        int nodes = 1_000_000;
        int edges = 10_000_000;
        long seed = 42;
        int runs = 3;
        boolean withJgrapht = true;
        Double jgraphtTolerance = null;
        for (int index = 0; index < args.length; index++) {
            switch (args[index]) {
                case "--quick" -> {
                    nodes = 100_000;
                    edges = 1_000_000;
                }
                case "--nodes" -> nodes = Integer.parseInt(args[++index].replace("_", ""));
                case "--edges" -> edges = Integer.parseInt(args[++index].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[++index]);
                case "--runs" -> runs = Integer.parseInt(args[++index]);
                case "--jgrapht-tolerance" -> jgraphtTolerance = Double.parseDouble(args[++index]);
                case "--no-jgrapht" -> withJgrapht = false;
                default -> throw new IllegalArgumentException("Unknown argument " + args[index]
                        + "; use --quick, --nodes N, --edges E, --seed S, --runs R, --jgrapht-tolerance T, --no-jgrapht");
            }
        }
        double jgraphtPerNodeTolerance = jgraphtTolerance != null ? jgraphtTolerance : TOLERANCE / nodes;

        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Reputation engine benchmark: %,d nodes, %,d edge draws, seed %d%n", nodes, edges, seed);
        System.out.printf(Locale.ROOT, "Java %s (%s), %d available processor(s), max heap %,d MB%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                runtime.availableProcessors(), runtime.maxMemory() >> 20);

        long started = System.nanoTime();
        SyntheticTrustNetwork network = SyntheticTrustNetwork.generate(nodes, edges, seed);
        System.out.printf(Locale.ROOT, "generated the edge arrays in %.2f s (%,d MB, not part of any figure below)%n",
                seconds(System.nanoTime() - started), network.inputBytes() >> 20);

        // ---- Engine: build, first with a cold JIT, then again; the heap is measured on the first
        long heapBefore = usedHeapAfterGc();
        started = System.nanoTime();
        WeightedDigraph graph = WeightedDigraph.fromEdges(network.nodeCount(), network.from(), network.to(), network.weight());
        List<Double> buildTimes = new ArrayList<>(List.of(seconds(System.nanoTime() - started)));
        long engineHeap = usedHeapAfterGc() - heapBefore;
        for (int run = 1; run < runs; run++) {
            graph = null;
            usedHeapAfterGc();
            started = System.nanoTime();
            graph = WeightedDigraph.fromEdges(network.nodeCount(), network.from(), network.to(), network.weight());
            buildTimes.add(seconds(System.nanoTime() - started));
        }
        System.out.printf(Locale.ROOT, "engine builds (s): %s%n", formatted(buildTimes));
        System.out.printf(Locale.ROOT, "engine graph: %,d distinct edges, %,d dangling nodes%n",
                graph.edgeCount(), graph.danglingCount());

        // ---- Engine: solve, first with a cold JIT, then again
        List<Double> solveTimes = new ArrayList<>();
        InfluenceResult result = null;
        for (int run = 0; run < runs; run++) {
            started = System.nanoTime();
            result = InfluenceSolver.solve(graph, Teleport.uniform(), ALPHA, TOLERANCE, MAX_ITERATIONS, null);
            solveTimes.add(seconds(System.nanoTime() - started));
        }
        double engineSolveCold = solveTimes.get(0);
        double engineSolveBest = best(solveTimes);
        double[] engineScores = result.scores();
        System.out.printf(Locale.ROOT, "engine solves (s): %s, %d iterations, final L1 change %.2e%n",
                formatted(solveTimes), result.iterations(), result.finalChange());

        InfluenceResult reference = InfluenceSolver.solve(graph, Teleport.uniform(), ALPHA, REFERENCE_TOLERANCE, MAX_ITERATIONS, null);
        double[] referenceScores = reference.scores();
        System.out.printf(Locale.ROOT, "reference: %d iterations, final L1 change %.2e%n",
                reference.iterations(), reference.finalChange());

        Row engine = new Row(buildTimes.get(0), best(buildTimes), engineHeap, graph.arrayBytes(), engineSolveCold, engineSolveBest,
                result.iterations(), l1(engineScores, referenceScores), maxAbs(engineScores, referenceScores));

        if (!withJgrapht) {
            printTable(nodes, graph, engine, null, Double.NaN, jgraphtPerNodeTolerance);
            return;
        }

        // ---- JGraphT: build its graph from the same (deduplicated) edges. A multigraph is used
        // because JGraphT's simple graphs look for an existing edge on every addEdge by scanning
        // the source's out-edges, which is quadratic for members who trust very many others. The
        // edges are already distinct, so the multigraph holds exactly the same graph.
        heapBefore = usedHeapAfterGc();
        started = System.nanoTime();
        Graph<Integer, DefaultWeightedEdge> jgraphtGraph = new DirectedWeightedMultigraph<>(DefaultWeightedEdge.class);
        for (int node = 0; node < nodes; node++) {
            jgraphtGraph.addVertex(node);
        }
        for (int node = 0; node < nodes; node++) {
            int[] targets = graph.successors(node);
            double[] weights = graph.successorWeights(node);
            for (int edge = 0; edge < targets.length; edge++) {
                DefaultWeightedEdge added = jgraphtGraph.addEdge(node, targets[edge]);
                jgraphtGraph.setEdgeWeight(added, weights[edge]);
            }
        }
        double jgraphtBuild = seconds(System.nanoTime() - started);
        long jgraphtHeap = usedHeapAfterGc() - heapBefore;

        // ---- JGraphT: PageRank (its constructor is lazy; getScores() builds its index and iterates)
        started = System.nanoTime();
        Map<Integer, Double> jgraphtMap = new PageRank<>(jgraphtGraph, 1 - ALPHA, MAX_ITERATIONS, jgraphtPerNodeTolerance).getScores();
        double jgraphtSolve = seconds(System.nanoTime() - started);
        double[] jgraphtScores = new double[nodes];
        for (Map.Entry<Integer, Double> entry : jgraphtMap.entrySet()) {
            jgraphtScores[entry.getKey()] = entry.getValue();
        }
        jgraphtMap = null;
        jgraphtGraph = null;

        int jgraphtIterations = replayJgraphtIterations(graph, jgraphtPerNodeTolerance);
        Row jgrapht = new Row(jgraphtBuild, Double.NaN, jgraphtHeap, -1, jgraphtSolve, Double.NaN, jgraphtIterations,
                l1(jgraphtScores, referenceScores), maxAbs(jgraphtScores, referenceScores));
        printTable(nodes, graph, engine, jgrapht, maxAbs(engineScores, jgraphtScores), jgraphtPerNodeTolerance);
    }

    /**
     * JGraphT does not report its iteration count. Its update is the same as the engine's, so its
     * count is replayed here: one engine iteration at a time (warm-started from the previous
     * vector) until the largest per-node change falls below JGraphT's tolerance.
     */
    private static int replayJgraphtIterations(WeightedDigraph graph, double perNodeTolerance) {
        double[] current = null;
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            double[] next = InfluenceSolver.solve(graph, Teleport.uniform(), ALPHA, TOLERANCE, 1, current).scores();
            double[] previous = current != null ? current : uniform(graph.nodeCount());
            if (maxAbs(next, previous) < perNodeTolerance) {
                return iteration;
            }
            current = next;
        }
        return MAX_ITERATIONS;
    }

    private record Row(double buildSeconds, double buildBestSeconds, long heapBytes, long arrayBytes,
                       double solveColdSeconds, double solveBestSeconds, int iterations, double l1Error, double maxError) {

        double fullRecompute() {
            return buildSeconds + solveColdSeconds;
        }

        double fullRecomputeBest() {
            return buildBestSeconds + solveBestSeconds;
        }

        double millisecondsPerIteration() {
            return 1000 * solveColdSeconds / iterations;
        }
    }

    private static void printTable(int nodes, WeightedDigraph graph, Row engine, Row jgrapht, double maxDifference,
                                   double jgraphtTolerance) {
        System.out.println();
        System.out.printf(Locale.ROOT, "| %-44s | %22s | %22s |%n", "uniform teleport, alpha 0.15", "engine (CSR)", "JGraphT PageRank");
        System.out.printf(Locale.ROOT, "|%s|%s|%s|%n", "-".repeat(46), "-".repeat(24), "-".repeat(24));
        line("nodes / distinct edges", String.format(Locale.ROOT, "%,d / %,d", nodes, graph.edgeCount()), "same graph");
        line("build graph from edge arrays, first run (s)", engine.buildSeconds, jgrapht == null ? Double.NaN : jgrapht.buildSeconds, "%.2f");
        line("build graph, best of runs (s)", fmt("%.2f", engine.buildBestSeconds), "1 run");
        line("graph heap after GC, delta (MB)", engine.heapBytes / 1e6, jgrapht == null ? Double.NaN : jgrapht.heapBytes / 1e6, "%.0f");
        line("graph array bytes (MB)", fmt("%.0f", engine.arrayBytes / 1e6), "n/a");
        line("stopping rule", "L1 change < " + fmt("%.0e", TOLERANCE), "max change < " + fmt("%.0e", jgraphtTolerance));
        line("iterations", engine.iterations, jgrapht == null ? Double.NaN : jgrapht.iterations, "%.0f");
        line("solve, first run (s)", engine.solveColdSeconds, jgrapht == null ? Double.NaN : jgrapht.solveColdSeconds, "%.2f");
        line("solve, best of runs (s)", fmt("%.2f", engine.solveBestSeconds), "1 run");
        line("solve time / iterations, first run (ms)", engine.millisecondsPerIteration(),
                jgrapht == null ? Double.NaN : jgrapht.millisecondsPerIteration(), "%.1f");
        line("full recompute, first runs (s)", engine.fullRecompute(),
                jgrapht == null ? Double.NaN : jgrapht.fullRecompute(), "%.2f");
        line("full recompute, best of runs (s)", fmt("%.2f", engine.fullRecomputeBest()), "1 run");
        line("L1 error vs reference (L1 change < 1e-14)", fmt("%.1e", engine.l1Error),
                jgrapht == null ? "-" : fmt("%.1e", jgrapht.l1Error));
        line("max abs error vs reference", fmt("%.1e", engine.maxError), jgrapht == null ? "-" : fmt("%.1e", jgrapht.maxError));
        if (jgrapht != null) {
            System.out.println();
            System.out.printf(Locale.ROOT, "speed-up (first runs of both): solve %.1fx, per iteration %.1fx, full recompute %.1fx%n",
                    jgrapht.solveColdSeconds / engine.solveColdSeconds,
                    jgrapht.millisecondsPerIteration() / engine.millisecondsPerIteration(),
                    jgrapht.fullRecompute() / engine.fullRecompute());
            System.out.printf(Locale.ROOT, "max abs difference engine vs JGraphT: %.2e%n", maxDifference);
        }
    }

    private static void line(String label, double engine, double jgrapht, String format) {
        line(label, fmt(format, engine), Double.isNaN(jgrapht) ? "-" : fmt(format, jgrapht));
    }

    private static void line(String label, String engine, String jgrapht) {
        System.out.printf(Locale.ROOT, "| %-44s | %22s | %22s |%n", label, engine, jgrapht);
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }

    private static double best(List<Double> times) {
        return times.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static List<String> formatted(List<Double> times) {
        return times.stream().map(time -> String.format(Locale.ROOT, "%.3f", time)).toList();
    }

    private static double[] uniform(int count) {
        double[] vector = new double[count];
        java.util.Arrays.fill(vector, 1.0 / count);
        return vector;
    }

    private static double l1(double[] left, double[] right) {
        double sum = 0;
        for (int index = 0; index < left.length; index++) {
            sum += Math.abs(left[index] - right[index]);
        }
        return sum;
    }

    private static double maxAbs(double[] left, double[] right) {
        double max = 0;
        for (int index = 0; index < left.length; index++) {
            max = Math.max(max, Math.abs(left[index] - right[index]));
        }
        return max;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Heap in use after asking for full collections until the figure settles. */
    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            System.gc();
            Thread.sleep(100);
            long now = runtime.totalMemory() - runtime.freeMemory();
            if (Math.abs(used - now) < (1 << 20)) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
