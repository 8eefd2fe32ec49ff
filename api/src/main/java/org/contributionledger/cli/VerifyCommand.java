package org.contributionledger.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.contributionledger.cli.ExitCodes.InputProblem;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Asks the ledger to recompute its hash chain from the stored events (see docs/audit.md) and says,
 * on one line, whether the history is intact; the exit status tells a script the same.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check that the stored history is intact: the ledger recomputes the hash chain over every event "
                + "and compares it with the chain it kept, and with a checkpoint you copied earlier, if given.",
                "Exit status 0: intact; 5: altered (the line says where and how)."})
public class VerifyCommand implements Callable<Integer> {

    /** Verification reads the whole history: far longer than an ordinary request may take. */
    private static final Duration TIMEOUT = Duration.ofHours(2);

    @Option(names = "--url", defaultValue = "${env:LEDGER_URL:-http://localhost:8080}", description = "Ledger base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--key", defaultValue = "${env:LEDGER_ADMIN_KEY}", description = "The admin key; default: $LEDGER_ADMIN_KEY.")
    String key;

    @Option(names = "--checkpoint-position", description = "Position of a checkpoint copied earlier (with --checkpoint-digest).")
    Long checkpointPosition;

    @Option(names = "--checkpoint-digest", description = "Its digest, 64 hex digits.")
    String checkpointDigest;

    @Option(names = "--checkpoint-hmac", description = "Its hmac, to check it was signed with the ledger's audit key.")
    String checkpointHmac;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (key == null || key.isBlank()) {
            throw new InputProblem("no key: pass --key or set LEDGER_ADMIN_KEY (verify needs the admin key)");
        }
        if ((checkpointPosition == null) != (checkpointDigest == null)
                || (checkpointHmac != null && checkpointPosition == null)) {
            throw new InputProblem("a checkpoint needs both --checkpoint-position and --checkpoint-digest");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (checkpointPosition != null) {
            Map<String, Object> checkpoint = new LinkedHashMap<>();
            checkpoint.put("position", checkpointPosition);
            checkpoint.put("digest", checkpointDigest);
            if (checkpointHmac != null) {
                checkpoint.put("hmac", checkpointHmac);
            }
            body.put("checkpoint", checkpoint);
        }
        JsonNode answer = new LedgerHttpClient(url, key, TIMEOUT).post("/api/v1/audit/verify", body);
        PrintWriter out = spec.commandLine().getOut();
        out.println(describe(answer));
        out.flush();
        return "intact".equals(answer.path("status").asText()) ? ExitCodes.OK : ExitCodes.ALTERED;
    }

    /** One line: intact with the count and head, or where and how the history was altered. */
    static String describe(JsonNode answer) {
        StringBuilder line = new StringBuilder();
        JsonNode firstBreak = answer.path("firstBreak");
        JsonNode checkpoint = answer.path("checkpoint");
        if (firstBreak.isObject()) {
            line.append(String.format("broken at position %,d: %s (%s)", firstBreak.path("position").asLong(),
                    firstBreak.path("kind").asText(), firstBreak.path("detail").asText()));
        } else {
            line.append(String.format("%s: %,d events chained, head at position %,d, digest %s",
                    answer.path("status").asText(), answer.path("chainedEvents").asLong(),
                    answer.path("headPosition").asLong(), answer.path("headDigest").asText()));
            if (answer.path("unchainedEvents").asLong() > 0) {
                line.append(String.format(", %,d newer events not chained yet", answer.path("unchainedEvents").asLong()));
            }
        }
        if (checkpoint.isObject()) {
            line.append(String.format("; checkpoint at position %,d %s", checkpoint.path("position").asLong(),
                    checkpoint.path("digestMatches").asBoolean() ? "matches"
                            : "does not match (the events up to it now hash to " + checkpoint.path("recomputedDigest").asText() + ")"));
            if (checkpoint.path("hmacValid").isBoolean()) {
                line.append(checkpoint.path("hmacValid").asBoolean() ? ", hmac valid" : ", hmac INVALID");
            }
        }
        return line.toString();
    }
}
