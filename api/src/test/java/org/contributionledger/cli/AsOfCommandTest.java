package org.contributionledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;

import org.contributionledger.LedgerApplication;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * {@code ledger as-of}: which read each command line asks for, and its one-line answers to
 * mistakes. The answers themselves are the API's, checked in AsOfChecks.
 */
class AsOfCommandTest {

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = LedgerApplication.cli().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static String path(String... args) {
        AsOfCommand command = new AsOfCommand();
        new CommandLine(command).parseArgs(args);
        return command.path();
    }

    @Test
    void eachReadIsAskedAsOfTheInstant() {
        String at = "--at=2026-01-15T10:00:00Z";
        String asOf = "asOf=2026-01-15T10%3A00%3A00Z";
        String base = "/api/v1/communities/makers";
        assertThat(path("--community", "makers", at, "reputation", "ada"))
                .isEqualTo(base + "/members/ada/reputation?" + asOf);
        assertThat(path("--community", "makers", at, "reciprocity", "ada"))
                .isEqualTo(base + "/members/ada/reciprocity?" + asOf);
        assertThat(path("--community", "makers", at, "reciprocity", "ada", "bob"))
                .isEqualTo(base + "/reciprocity?a=ada&b=bob&" + asOf);
        assertThat(path("--community", "makers", at, "statement", "ada"))
                .isEqualTo(base + "/members/ada/statement?" + asOf);
        assertThat(path("--community", "makers", at, "--category", "help", "influencers", "ada"))
                .isEqualTo(base + "/members/ada/influencers?category=help&" + asOf);
        assertThat(path("--community", "makers", at, "--category", "advice", "network", "ada"))
                .isEqualTo(base + "/members/ada/network?category=advice&" + asOf);
        assertThat(path("--community", "makers", at, "leaderboard")).isEqualTo(base + "/leaderboard?" + asOf);
        assertThat(path("--community", "makers", at, "stats")).isEqualTo(base + "/stats?" + asOf);
    }

    @Test
    void mistakesAreUsageErrorsOnOneLine() {
        String at = "--at=2026-01-15T10:00:00Z";
        for (String[] args : new String[][] {
                {"as-of", "--key", "k", "--community", "c", "--at", "yesterday", "leaderboard"},
                {"as-of", "--key", "k", "--community", "c", at, "reputation"},
                {"as-of", "--key", "k", "--community", "c", at, "leaderboard", "ada"},
                {"as-of", "--key", "k", "--community", "c", at, "gossip", "ada"},
                {"as-of", "--key", "k", "--community", "c", "stats"},
                {"as-of", "--key", "", "--community", "c", at, "stats"}}) {
            Result result = run(args);
            assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).startsWith("ledger as-of: ");
            assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
        }
        assertThat(run("as-of", "--key", "k", "--community", "c", "--at", "yesterday", "stats").err())
                .contains("--at must be an ISO-8601 instant");
    }

    @Test
    void noLedgerAtTheUrlExitsWith3() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Result result = run("as-of", "--url", "http://127.0.0.1:" + closedPort, "--key", "k", "--community", "c",
                "--at", "2026-01-15T10:00:00Z", "stats");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    }

    @Test
    void helpNamesEveryRead() {
        Result result = run("as-of", "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: ledger as-of")
                .contains("reputation", "reciprocity", "statement", "influencers", "network", "leaderboard", "stats",
                        "--at");
    }
}
