package org.contributionledger.query.reputation.graph;

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
 * Loads the public data sets under {@code src/test/resources/reference/} and the figures that
 * {@code src/test/python/make_reference.py} computed from them with networkx.
 *
 * <p>Conventions shared with the script: Bitcoin OTC member ids map to dense indexes in
 * ascending id order; karate club and LDBC ids are 1-based in the files and 0-based here.
 */
final class ReferenceData {

    private static final String ROOT = "/reference/";

    private ReferenceData() {
    }

    /** The Bitcoin OTC who-trusts-whom network: rows {@code source,target,rating,time}. */
    record BitcoinOtc(int[] memberIds, int[] from, int[] to, double[] rating) {

        int nodeCount() {
            return memberIds.length;
        }

        int indexOf(int memberId) {
            int index = Arrays.binarySearch(memberIds, memberId);
            if (index < 0) {
                throw new IllegalArgumentException("Unknown member " + memberId);
            }
            return index;
        }

        /** Positive ratings only, weighted by the rating, over all members (as the model says). */
        WeightedDigraph positiveTrustGraph() {
            WeightedDigraph.Builder builder = WeightedDigraph.builder(nodeCount());
            addPositiveEdges(builder);
            return builder.build();
        }

        void addPositiveEdges(WeightedDigraph.Builder builder) {
            for (int row = 0; row < from.length; row++) {
                if (rating[row] > 0) {
                    builder.addEdge(from[row], to[row], rating[row]);
                }
            }
        }

        /** Every rated pair, positive or negative, with weight 1: the structure only. */
        WeightedDigraph allEdgesStructure() {
            double[] ones = new double[from.length];
            Arrays.fill(ones, 1);
            return WeightedDigraph.fromEdges(nodeCount(), from, to, ones);
        }
    }

    static BitcoinOtc bitcoinOtc() {
        List<String> lines = lines("soc-sign-bitcoinotc.csv");
        int[] sourceIds = new int[lines.size()];
        int[] targetIds = new int[lines.size()];
        double[] rating = new double[lines.size()];
        for (int row = 0; row < lines.size(); row++) {
            String[] fields = lines.get(row).split(",");
            sourceIds[row] = Integer.parseInt(fields[0]);
            targetIds[row] = Integer.parseInt(fields[1]);
            rating[row] = Double.parseDouble(fields[2]);
        }
        int[] memberIds = Arrays.stream(concat(sourceIds, targetIds)).sorted().distinct().toArray();
        int[] from = new int[lines.size()];
        int[] to = new int[lines.size()];
        for (int row = 0; row < lines.size(); row++) {
            from[row] = Arrays.binarySearch(memberIds, sourceIds[row]);
            to[row] = Arrays.binarySearch(memberIds, targetIds[row]);
        }
        return new BitcoinOtc(memberIds, from, to, rating);
    }

    /** Zachary's karate club: each undirected edge becomes two directed edges of weight 1. */
    static WeightedDigraph karateClub() {
        String text = String.join("\n", lines("karate.gml"));
        Matcher edge = Pattern.compile("edge\\s*\\[[^\\]]*?source\\s+(\\d+)\\s+target\\s+(\\d+)").matcher(text);
        WeightedDigraph.Builder builder = WeightedDigraph.builder(34);
        int edges = 0;
        while (edge.find()) {
            int source = Integer.parseInt(edge.group(1)) - 1;
            int target = Integer.parseInt(edge.group(2)) - 1;
            builder.addEdge(source, target, 1).addEdge(target, source, 1);
            edges++;
        }
        if (edges != 78) {
            throw new IllegalStateException("Expected 78 karate club edges, parsed " + edges);
        }
        return builder.build();
    }

    /** LAGraph's LDBC directed example (Matrix Market, 1-based), weighted or with weight 1. */
    static WeightedDigraph ldbcDirectedExample(boolean weighted) {
        List<String> rows = lines("ldbc-directed-example.mtx").stream()
                .filter(line -> !line.startsWith("%"))
                .toList();
        String[] header = rows.get(0).trim().split("\\s+");
        WeightedDigraph.Builder builder = WeightedDigraph.builder(Integer.parseInt(header[0]));
        for (String row : rows.subList(1, rows.size())) {
            String[] fields = row.trim().split("\\s+");
            builder.addEdge(Integer.parseInt(fields[0]) - 1, Integer.parseInt(fields[1]) - 1,
                    weighted ? Double.parseDouble(fields[2]) : 1);
        }
        return builder.build();
    }

    /** A two-column expected vector ({@code node,score}) keyed by its first column. */
    static Map<Integer, Double> expectedVector(String name) {
        Map<Integer, Double> vector = new LinkedHashMap<>();
        for (String[] fields : expectedRows(name)) {
            vector.put(Integer.parseInt(fields[0]), Double.parseDouble(fields[1]));
        }
        return vector;
    }

    /** Rows of an expected CSV file, header dropped, split on commas (empty fields kept). */
    static List<String[]> expectedRows(String name) {
        List<String> lines = lines("expected/" + name);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    /** The named scalar figures of {@code expected/figures.csv}. */
    static Map<String, String> figures() {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String[] row : expectedRows("figures.csv")) {
            figures.put(row[0], row[1]);
        }
        return figures;
    }

    static double figure(String name) {
        return Double.parseDouble(require(name));
    }

    static int intFigure(String name) {
        return Integer.parseInt(require(name));
    }

    static int[] intListFigure(String name) {
        return Arrays.stream(require(name).split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    private static String require(String name) {
        String value = figures().get(name);
        if (value == null) {
            throw new IllegalStateException("No figure named " + name + " in expected/figures.csv");
        }
        return value;
    }

    /**
     * A {@code "values": [...]} array of published figures from {@code reference-figures.json},
     * found after the given keys in order (for example the data set, then the figure's name).
     */
    static double[] publishedValues(String... keys) {
        String json = String.join("\n", lines("reference-figures.json"));
        int position = 0;
        for (String key : keys) {
            position = json.indexOf("\"" + key + "\"", position);
            if (position < 0) {
                throw new IllegalStateException("No key " + key + " in reference-figures.json");
            }
        }
        int open = json.indexOf('[', json.indexOf("\"values\"", position));
        int close = json.indexOf(']', open);
        return Arrays.stream(json.substring(open + 1, close).split(","))
                .map(String::trim)
                .mapToDouble(Double::parseDouble)
                .toArray();
    }

    static List<String> lines(String name) {
        try (InputStream stream = ReferenceData.class.getResourceAsStream(ROOT + name)) {
            if (stream == null) {
                throw new IllegalStateException("Missing test resource " + ROOT + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            return reader.lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private static int[] concat(int[] first, int[] second) {
        int[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
