package org.contributionledger.query.reputation.spheres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the graphs under {@code src/test/resources/reference/} as the sphere engine sees them, and the
 * figures that {@code reference/spheres/make_spheres_reference.py} computed from them with networkx and
 * igraph. The conventions (weights, node numbers) are the script's; its docstring lists them.
 */
final class SphereReferenceData {

    private SphereReferenceData() {
    }

    static UndirectedGraph graph(String name) {
        return switch (name) {
            case "karate" -> karate();
            case "email" -> email();
            case "bitcoinotc" -> bitcoinOtc();
            default -> throw new IllegalArgumentException("No graph " + name);
        };
    }

    /** Zachary's karate club, each friendship a tie both ways of weight 1 (so each tie weighs 2). */
    static UndirectedGraph karate() {
        String text = String.join("\n", lines("karate.gml"));
        Matcher edge = Pattern.compile("edge\\s*\\[[^\\]]*?source\\s+(\\d+)\\s+target\\s+(\\d+)").matcher(text);
        Edges edges = new Edges();
        while (edge.find()) {
            int source = Integer.parseInt(edge.group(1)) - 1;
            int target = Integer.parseInt(edge.group(2)) - 1;
            edges.add(source, target, 1).add(target, source, 1);
        }
        return edges.graph(34);
    }

    /** SNAP email-Eu-core: each directed e-mail edge weight 1. */
    static UndirectedGraph email() {
        Edges edges = new Edges();
        for (String line : lines("email-Eu-core.txt")) {
            String[] fields = line.trim().split("\\s+");
            edges.add(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]), 1);
        }
        return edges.graph(1005);
    }

    /** Bitcoin OTC as the ledger's influence graph: positive ratings, weighted by the rating. */
    static UndirectedGraph bitcoinOtc() {
        List<String> rows = lines("soc-sign-bitcoinotc.csv");
        int[] source = new int[rows.size()];
        int[] target = new int[rows.size()];
        double[] rating = new double[rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            String[] fields = rows.get(row).split(",");
            source[row] = Integer.parseInt(fields[0]);
            target[row] = Integer.parseInt(fields[1]);
            rating[row] = Double.parseDouble(fields[2]);
        }
        int[] ids = java.util.stream.IntStream.concat(Arrays.stream(source), Arrays.stream(target))
                .sorted().distinct().toArray();
        Edges edges = new Edges();
        for (int row = 0; row < rows.size(); row++) {
            if (rating[row] > 0) {
                edges.add(Arrays.binarySearch(ids, source[row]), Arrays.binarySearch(ids, target[row]), rating[row]);
            }
        }
        return edges.graph(ids.length);
    }

    /** The same graph with every tie of weight 1: the contact graph of betweenness. */
    static UndirectedGraph unweighted(UndirectedGraph graph) {
        Edges edges = new Edges();
        for (int node = 0; node < graph.nodeCount(); node++) {
            for (int neighbour : graph.neighbours(node)) {
                if (neighbour > node) {
                    edges.add(node, neighbour, 1);
                }
            }
        }
        return edges.graph(graph.nodeCount());
    }

    /** A planted partition: the script's stochastic block model. */
    static UndirectedGraph plantedGraph() {
        Edges edges = new Edges();
        for (String[] row : rows("sbm_edges.csv")) {
            edges.add(Integer.parseInt(row[0]), Integer.parseInt(row[1]), 1);
        }
        return edges.graph(plantedBlocks().length);
    }

    static int[] plantedBlocks() {
        return column("sbm_blocks.csv", 1);
    }

    /** A column of integers of a stored CSV file, by position. */
    static int[] column(String file, int column) {
        return rows(file).stream().mapToInt(row -> Integer.parseInt(row[column])).toArray();
    }

    static double[] doubleColumn(String file, int column) {
        return rows(file).stream().mapToDouble(row -> Double.parseDouble(row[column])).toArray();
    }

    /** One row of modularity.csv. */
    record ModularityFigure(String graph, String method, int seed, double modularity, int communities) {
    }

    static List<ModularityFigure> modularityFigures(String graph, String method) {
        return rows("modularity.csv").stream()
                .filter(row -> row[0].equals(graph) && row[1].equals(method))
                .map(row -> new ModularityFigure(row[0], row[1], Integer.parseInt(row[2]), Double.parseDouble(row[3]),
                        Integer.parseInt(row[4])))
                .toList();
    }

    static String figure(String name) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String[] row : rows("figures.csv")) {
            figures.put(row[0], row[1]);
        }
        String value = figures.get(name);
        if (value == null) {
            throw new IllegalStateException("No figure " + name + " in spheres/figures.csv");
        }
        return value;
    }

    /** Rows of a CSV file of spheres/, header dropped. */
    static List<String[]> rows(String file) {
        List<String> lines = lines("spheres/" + file);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    static List<String> lines(String name) {
        try (InputStream stream = SphereReferenceData.class.getResourceAsStream("/reference/" + name)) {
            if (stream == null) {
                throw new IllegalStateException("Missing test resource /reference/" + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            return reader.lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    /** Directed edges collected in growing arrays. */
    static final class Edges {
        private int[] from = new int[16];
        private int[] to = new int[16];
        private double[] weight = new double[16];
        private int size;

        Edges add(int source, int target, double w) {
            if (size == from.length) {
                from = Arrays.copyOf(from, size * 2);
                to = Arrays.copyOf(to, size * 2);
                weight = Arrays.copyOf(weight, size * 2);
            }
            from[size] = source;
            to[size] = target;
            weight[size] = w;
            size++;
            return this;
        }

        UndirectedGraph graph(int nodeCount) {
            return UndirectedGraph.fromEdges(nodeCount, Arrays.copyOf(from, size), Arrays.copyOf(to, size),
                    Arrays.copyOf(weight, size));
        }
    }
}
