package org.contributionledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.contributionledger.LedgerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The command-line client's answers to mistakes: one line on standard error naming the problem,
 * and an exit status that tells a script what kind of problem it was (see the README). The 401
 * case runs against the real ledger in {@code ImportIT}; the real jar's {@code --help} in
 * {@code StartLogIT}.
 */
class CommandLineTest {

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = LedgerApplication.cli().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static void assertOneLine(Result result) {
        assertThat(result.err().strip().lines()).as("one line, no stack trace: %s", result.err()).hasSize(1);
        assertThat(result.err()).doesNotContain("\tat ", "Exception:");
    }

    @Test
    void aCheckpointWithoutItsDigestIsAUsageError() {
        Result result = run("verify", "--key", "k", "--checkpoint-position", "10");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("ledger verify: a checkpoint needs both");
        assertOneLine(result);
    }

    @Test
    void aMissingFileIsAUsageError() {
        Result result = run("import", "--key", "k", "--community", "c", "--format", "signed",
                dir.resolve("nope.csv").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("ledger import: cannot read ").contains("nope.csv", "no such file");
        assertOneLine(result);
    }

    @Test
    void aRowThatIsNotInTheFormatIsAUsageErrorNamingTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("edges.csv"), "1,2,5,1289241911\n1,2,five,1289241912\n");
        Result result = run("import", "--key", "k", "--community", "c", "--format", "signed", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("line 2 is not a signed row");
        assertOneLine(result);
    }

    @Test
    void noLedgerAtTheUrlExitsWith3AndSaysWhereItLooked() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path file = Files.writeString(dir.resolve("edges.csv"), "1,2,5,1289241911\n");
        Result result = run("import", "--url", "http://127.0.0.1:" + closedPort, "--key", "k", "--community", "c",
                "--format", "signed", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).startsWith("ledger import: no ledger answers at http://127.0.0.1:" + closedPort)
                .contains("LEDGER_URL");
        assertOneLine(result);
    }

    @Test
    void wrongOptionsAndUnknownCommandsAreUsageErrorsOnOneLine() {
        for (Result result : List.of(run("import", "--format", "csv"), run("imprt"), run("--no-such-option"),
                run("import", "--community", "c", "--format", "signed", "--key", "k"))) {
            assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).contains("--help");
            assertOneLine(result);
        }
    }

    @Test
    void noKeyIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("edges.csv"), "1,2,5,1289241911\n");
        Result result = run("import", "--key", "", "--community", "c", "--format", "signed", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("no key");
        assertOneLine(result);
    }

    @Test
    void replayOfAMissingFileIsAUsageError() {
        Result result = run("replay", "--from", dir.resolve("nope.jsonl").toString(), "--data", dir.resolve("store").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("ledger replay: cannot read ").contains("nope.jsonl");
        assertOneLine(result);
        assertThat(dir.resolve("store")).doesNotExist();
    }

    @Test
    void replayOfALineThatIsNoEventStopsWithStatus5NamingTheLineAndKeepsNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("export.jsonl"), "{\"position\": 3, \"eventId\": \"e\"}\n");
        Path store = dir.resolve("store");
        Result result = run("replay", "--from", file.toString(), "--data", store.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.ALTERED);
        assertThat(result.err()).contains("line 1 (position 3): no payloadType");
        assertOneLine(result);
        assertThat(store).doesNotExist();

        Files.writeString(file, "not json\n");
        assertThat(run("replay", "--from", file.toString(), "--data", store.toString()).err())
                .contains("line 1: not a JSON object");
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"import", "--help"},
                new String[] {"bench-ingest", "--help"}, new String[] {"replay", "--help"}, new String[] {"help", "import"})) {
            Result result = run(args);
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).startsWith("Usage: ledger");
        }
        assertThat(run("--help").out()).contains("import", "bench-ingest", "replay", "LEDGER_URL", "Exit status");
        assertThat(run("replay", "--help").out()).contains("--from", "--data", "--port", "read-only-replay", "exit status 5");
    }

    @Test
    void onlySpringPropertiesOrNothingStartTheServer() {
        assertThat(LedgerApplication.startsServer(new String[0])).isTrue();
        assertThat(LedgerApplication.startsServer(new String[] {"--server.port=9090", "--ledger.data-dir=/x"})).isTrue();
        for (String[] client : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"--version"},
                new String[] {"import", "--help"}, new String[] {"help"}, new String[] {"--server.port=1", "--help"},
                new String[] {"serve"})) {
            assertThat(LedgerApplication.startsServer(client)).as(String.join(" ", client)).isFalse();
        }
    }

    @Test
    void theImportSummaryCountsNewItemsApartFromItemsAlreadyRecorded() throws IOException {
        ObjectMapper json = new ObjectMapper();
        // A batch answer as the ledger gives it, each recorded item saying whether it was already there.
        JsonNode answer = json.readTree("""
                {"recorded": 3, "rejected": 1, "results": [
                  {"index": 0, "id": "a", "outcome": "recorded", "alreadyRecorded": false},
                  {"index": 1, "id": "b", "outcome": "recorded", "alreadyRecorded": true},
                  {"index": 2, "id": "c", "outcome": "recorded", "alreadyRecorded": true},
                  {"index": 3, "id": "d", "outcome": "rejected", "problem": {"title": "Unknown member"}}]}
                """);
        ImportCommand.Outcome outcome = new ImportCommand.Outcome(4);
        outcome.count(answer);
        assertThat(outcome).hasToString("1 new, 2 already recorded, 1 rejected");
        assertThat(outcome.rejectedByRule).containsEntry("Unknown member", 1L);
    }
}
