package org.contributionledger.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;

import org.contributionledger.cli.ExitCodes.InputProblem;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Asks the ledger to rebuild every SQL view from the stored events (see docs/audit.md, "Rebuild"),
 * draws its progress on standard error until it is done, then prints each view's checksum before
 * and after the switch.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Rebuild every SQL view (statements, reciprocity, stats, trust, directory) from the stored "
                + "events alone. The live views keep serving while the new ones are built; writes pause briefly "
                + "for the switch.",
                "Prints each view's checksum before and after; equal checksums: the views were intact.",
                "Exit status 0: rebuilt; 1: the rebuild failed (the live views were left as they were)."})
public class RebuildCommand implements Callable<Integer> {

    /** How often the progress is asked for. */
    private static final Duration POLL = Duration.ofMillis(500);

    @Option(names = "--url", defaultValue = "${env:LEDGER_URL:-http://localhost:8080}", description = "Ledger base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--key", defaultValue = "${env:LEDGER_ADMIN_KEY}", description = "The admin key; default: $LEDGER_ADMIN_KEY.")
    String key;

    @Spec
    CommandSpec spec;

    /** Where the progress bar is drawn: standard error, so that standard output holds the result only. */
    public PrintStream progressOut = System.err;

    @Override
    public Integer call() throws InterruptedException {
        if (key == null || key.isBlank()) {
            throw new InputProblem("no key: pass --key or set LEDGER_ADMIN_KEY (rebuild needs the admin key)");
        }
        LedgerHttpClient ledger = new LedgerHttpClient(url, key);
        JsonNode rebuild = ledger.post("/api/v1/admin/rebuild", Map.of());
        String location = "/api/v1/admin/rebuild/" + rebuild.path("id").asText();
        ProgressBar bar = new ProgressBar(progressOut, "rebuild", rebuild.path("eventsTotal").asLong(), "events");
        while (!finished(rebuild)) {
            bar.update(rebuild.path("eventsDone").asLong(), rebuild.path("eventsTotal").asLong());
            Thread.sleep(POLL.toMillis());
            rebuild = ledger.get(location);
        }
        PrintWriter out = spec.commandLine().getOut();
        if ("FAILED".equals(rebuild.path("state").asText())) {
            progressOut.println();
            throw new ExitCodes.RebuildFailed("rebuild " + rebuild.path("id").asText() + " failed: "
                    + rebuild.path("failure").asText() + "; the live views were left as they were");
        }
        bar.update(rebuild.path("eventsDone").asLong(), rebuild.path("eventsDone").asLong());
        out.println(describe(rebuild));
        out.flush();
        return ExitCodes.OK;
    }

    private static boolean finished(JsonNode rebuild) {
        String state = rebuild.path("state").asText();
        return "DONE".equals(state) || "FAILED".equals(state);
    }

    /** The summary line, then one line per view: its checksum, and whether the rebuild changed it. */
    static String describe(JsonNode rebuild) {
        StringBuilder text = new StringBuilder(String.format("rebuilt from %,d events at %,.0f events/s",
                rebuild.path("eventsDone").asLong(), rebuild.path("eventsPerSecond").asDouble()));
        JsonNode before = rebuild.path("checksumsBefore");
        JsonNode after = rebuild.path("checksumsAfter");
        for (Iterator<String> views = after.fieldNames(); views.hasNext(); ) {
            String view = views.next();
            String was = before.path(view).asText();
            String now = after.path(view).asText();
            text.append(System.lineSeparator()).append(String.format("%-20s %s %s", view, now,
                    was.equals(now) ? "unchanged" : "CHANGED (was " + was + ")"));
        }
        return text.toString();
    }
}
