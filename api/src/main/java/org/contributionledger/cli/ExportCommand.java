package org.contributionledger.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.contributionledger.cli.ExitCodes.InputProblem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Downloads a community's events or network as a file (docs/audit.md, "Export"), over the ledger's
 * HTTP API. The file is copied as it arrives: memory stays constant however long the history.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a community's events (jsonl, csv) or network (gexf, graphml, edges.csv) to a file or"
                + " standard output.",
                "The events come with their chain digests, so each line can be verified on its own (docs/audit.md)."})
public class ExportCommand implements Callable<Integer> {

    /** A long history takes far longer than an ordinary request. */
    private static final Duration TIMEOUT = Duration.ofHours(2);

    @Option(names = "--url", defaultValue = "${env:LEDGER_URL:-http://localhost:8080}", description = "Ledger base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--key", description = "The community's API key or the admin key; default: $LEDGER_KEY, else $LEDGER_ADMIN_KEY.")
    String key;

    @Option(names = "--community", required = true, description = "The community to export.")
    String community;

    @Option(names = "--format", defaultValue = "jsonl",
            description = "jsonl or csv (events); gexf, graphml or edges.csv (network). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", description = "The file to write (replaced only once complete); default: standard output.")
    Path out;

    @Option(names = "--member", description = "Events: only those naming this member.")
    String member;

    @Option(names = "--category", description = "Events: only those of this category.")
    String category;

    @Option(names = "--from", description = "Events: only those stored at or after this instant, e.g. 2026-01-15T10:00:00Z.")
    String from;

    @Option(names = "--to", description = "Events: only those stored before this instant.")
    String to;

    @Option(names = "--from-position", description = "Events: only those at this position or after.")
    Long fromPosition;

    @Option(names = "--to-position", description = "Events: only those at this position or before.")
    Long toPosition;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String chosenKey = key != null ? key : firstSet(System.getenv("LEDGER_KEY"), System.getenv("LEDGER_ADMIN_KEY"));
        if (chosenKey == null) {
            throw new InputProblem("no key: pass --key or set LEDGER_KEY (or LEDGER_ADMIN_KEY)");
        }
        String path = path();
        LedgerHttpClient ledger = new LedgerHttpClient(url, chosenKey, TIMEOUT);
        if (out == null) {
            OutputStream stdout = new BufferedOutputStream(System.out);
            ledger.download(path, stdout);
            stdout.flush();
            return ExitCodes.OK;
        }
        // Written beside the target and moved over it when complete: a failed export leaves no half file.
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        long bytes;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial))) {
            bytes = ledger.download(path, file);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
        PrintWriter err = spec.commandLine().getErr();
        err.printf("exported %s of community %s to %s (%,d bytes)%n", format, community, out, bytes);
        err.flush();
        return ExitCodes.OK;
    }

    /** The export's URL path and query, for the format asked. */
    String path() {
        String base = "/api/v1/communities/" + encode(community) + "/export/";
        Map<String, Object> query = new LinkedHashMap<>();
        switch (format) {
            case "jsonl", "csv" -> {
                query.put("format", format);
                query.put("member", member);
                query.put("category", category);
                query.put("from", from);
                query.put("to", to);
                query.put("fromPosition", fromPosition);
                query.put("toPosition", toPosition);
                base += "events";
            }
            case "gexf", "graphml", "edges.csv" -> {
                if (member != null || category != null || from != null || to != null || fromPosition != null
                        || toPosition != null) {
                    throw new InputProblem("the network export takes no filters; they are for the events (jsonl, csv)");
                }
                query.put("format", format.equals("edges.csv") ? "csv" : format);
                base += "network";
            }
            default -> throw new InputProblem("--format must be one of jsonl, csv, gexf, graphml, edges.csv but was '"
                    + format + "'");
        }
        StringBuilder url = new StringBuilder(base);
        char separator = '?';
        for (Map.Entry<String, Object> parameter : query.entrySet()) {
            if (parameter.getValue() != null) {
                url.append(separator).append(parameter.getKey()).append('=').append(encode(parameter.getValue().toString()));
                separator = '&';
            }
        }
        return url.toString();
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
