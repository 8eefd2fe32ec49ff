package org.contributionledger.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.contributionledger.cli.ExitCodes.InputProblem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Reads an edge list and posts it through the ledger's HTTP API in batches. Every id is derived
 * from the input (members from its node ids, acts from the line number), so running the same
 * import again (after a crash, say) adds nothing twice: the ledger answers retries idempotently.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an edge list (SNAP signed or temporal network) into a community through the HTTP API.")
public class ImportCommand implements Callable<Integer> {

    enum Format { signed, temporal }

    @Parameters(index = "0", description = "The edge list file.")
    Path file;

    @Option(names = "--format", required = true,
            description = "signed: 'source,target,rating,time' rows become trust declarations at that time; "
                    + "temporal: 'source target time' rows become confirmed acts.")
    Format format;

    @Option(names = "--community", required = true, description = "Target community id.")
    String community;

    @Option(names = "--url", defaultValue = "${env:LEDGER_URL:-http://localhost:8080}", description = "Ledger base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--key", defaultValue = "${env:LEDGER_KEY}", description = "The community's API key (or the admin key); default: $LEDGER_KEY.")
    String key;

    @Option(names = "--category", defaultValue = "help", description = "Category of imported acts (temporal format; default: ${DEFAULT-VALUE}).")
    String category;

    /** A number, sent as a JSON number: the API does not read "1" as 1. */
    @Option(names = "--value", defaultValue = "1", description = "Value of each imported act (temporal format; default: ${DEFAULT-VALUE}).")
    BigDecimal value;

    @Option(names = "--id-prefix", description = "Prefix of imported act ids; default: the file name without extension.")
    String idPrefix;

    @Option(names = "--batch-size", defaultValue = "1000", description = "Items per request (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Spec
    CommandSpec spec;

    /** The progress bar's stream; the summary goes to the command's standard output. */
    private final PrintStream progressOut = System.err;

    @Override
    public Integer call() throws IOException {
        if (key == null || key.isBlank()) {
            throw new InputProblem("no key: pass --key or set LEDGER_KEY");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InputProblem("cannot read " + file + ": " + (Files.exists(file) ? "not a readable file" : "no such file"));
        }
        List<String[]> rows = read();
        LedgerHttpClient ledger = new LedgerHttpClient(url, key);
        String base = "/api/v1/communities/" + community;

        Set<String> members = new LinkedHashSet<>();
        rows.forEach(row -> {
            members.add(row[0]);
            members.add(row[1]);
        });
        Outcome memberOutcome = postInBatches(ledger, base + "/members/batch", "members", "members",
                new ArrayList<>(members), id -> Map.of("id", id, "displayName", "Member " + id));

        String prefix = idPrefix != null ? idPrefix : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        List<Row> numbered = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            numbered.add(new Row(i, rows.get(i)));
        }
        Outcome rowOutcome = format == Format.signed
                ? postInBatches(ledger, base + "/trust/batch", "declarations", "trust", numbered, n -> {
                    String[] row = n.fields();
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("truster", row[0]);
                    item.put("trustee", row[1]);
                    item.put("level", Integer.parseInt(row[2]));
                    item.put("declaredAt", Instant.ofEpochSecond(Long.parseLong(row[3])).toString());
                    return item;
                })
                : postInBatches(ledger, base + "/contributions/batch", "contributions", "acts", numbered, n -> {
                    String[] row = n.fields();
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("id", prefix + "-" + n.index());
                    item.put("giver", row[0]);
                    item.put("receiver", row[1]);
                    item.put("category", category);
                    item.put("value", value);
                    item.put("occurredAt", Instant.ofEpochSecond(Long.parseLong(row[2])).toString());
                    item.put("recordedBy", "RECEIVER");
                    return item;
                });
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Imported %s into community '%s': members %s; %s %s%n", file.getFileName(), community,
                memberOutcome, format == Format.signed ? "trust declarations" : "acts", rowOutcome);
        memberOutcome.rejectedByRule.forEach((rule, count) -> out.printf("  members rejected %,d: %s%n", count, rule));
        rowOutcome.rejectedByRule.forEach((rule, count) -> out.printf("  rows rejected %,d: %s%n", count, rule));
        out.flush();
        return ExitCodes.OK;
    }

    private List<String[]> read() throws IOException {
        List<String[]> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("%")) {
                continue;
            }
            String[] fields = format == Format.signed ? trimmed.split(",") : trimmed.split("\\s+");
            int expected = format == Format.signed ? 4 : 3;
            // Every field after the two node ids is a number (signed: rating and time; temporal: time).
            boolean numeric = fields.length >= expected;
            for (int i = 2; numeric && i < expected; i++) {
                numeric = fields[i].matches("-?\\d+(\\.\\d+)?");
            }
            if (!numeric) {
                if (rows.isEmpty() && lineNumber == 1) {
                    continue; // a header line such as "src dst time"
                }
                throw new InputProblem(file + " line " + lineNumber + " is not a " + format + " row: " + line);
            }
            // Some SNAP copies carry fractional seconds; the ledger's acts keep whole seconds.
            fields[expected - 1] = fields[expected - 1].replaceFirst("\\..*$", "");
            rows.add(fields);
        }
        return rows;
    }

    private <T> Outcome postInBatches(LedgerHttpClient ledger, String path, String field, String label, List<T> items,
                                      Function<T, Object> toItem) {
        Outcome outcome = new Outcome(items.size());
        ProgressBar progress = new ProgressBar(progressOut, label, items.size());
        for (int from = 0; from < items.size(); from += batchSize) {
            List<Object> chunk = items.subList(from, Math.min(items.size(), from + batchSize)).stream()
                    .map(toItem).toList();
            JsonNode response = ledger.post(path, Map.of(field, chunk));
            outcome.count(response);
            progress.update(Math.min(items.size(), from + batchSize));
        }
        if (items.isEmpty()) {
            progress.update(0);
        }
        return outcome;
    }

    /** A data row and its position among the data rows: the position makes the act's id. */
    private record Row(int index, String[] fields) {
    }

    /** What the batches of one kind of item did: new, already recorded (a rerun), rejected (by rule). */
    static final class Outcome {
        final long total;
        long recorded;
        long alreadyRecorded;
        final Map<String, Long> rejectedByRule = new TreeMap<>();

        Outcome(long total) {
            this.total = total;
        }

        /** Adds one batch answer: {@code recorded} counts new items and retries alike, each result says which. */
        void count(JsonNode batchAnswer) {
            recorded += batchAnswer.path("recorded").asLong();
            for (JsonNode result : batchAnswer.path("results")) {
                if ("rejected".equals(result.path("outcome").asText())) {
                    rejectedByRule.merge(result.path("problem").path("title").asText(), 1L, Long::sum);
                } else if (alreadyRecorded(result)) {
                    alreadyRecorded++;
                }
            }
        }

        /**
         * An item the ledger already held (a retry, which adds nothing). Read from the item's
         * {@code "alreadyRecorded": true}, or an outcome named so; an answer that says neither
         * counts the item as new.
         */
        private static boolean alreadyRecorded(JsonNode result) {
            String outcome = result.path("outcome").asText().replaceAll("[-_ ]", "");
            return result.path("alreadyRecorded").asBoolean(false) || "alreadyrecorded".equalsIgnoreCase(outcome);
        }

        long created() {
            return recorded - alreadyRecorded;
        }

        long rejected() {
            return total - recorded;
        }

        @Override
        public String toString() {
            return String.format("%,d new, %,d already recorded, %,d rejected", created(), alreadyRecorded, rejected());
        }
    }
}
