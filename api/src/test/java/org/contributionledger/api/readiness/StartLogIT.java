package org.contributionledger.api.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.contributionledger.api.support.LedgerApiTest;
import org.junit.jupiter.api.Test;

/**
 * The real jar, as {@code ./ledger} runs it: its help never starts a server, and a start logs no
 * deprecation warning and exactly one "ready" line with the URL to use. In a process of its own,
 * because Spring logs each deprecation once per JVM: a start after other tests would hide it.
 */
class StartLogIT {

    private static final Path JAR = Path.of("target", "contribution-ledger.jar");
    private static final Pattern READY = Pattern.compile("Contribution Ledger ready at (http://localhost:\\d+/) \\(");

    @Test
    void helpOfTheLedgerAndOfEveryCommandPrintsUsageAndStartsNoServer() throws Exception {
        Path dataDir = LedgerApiTest.newDataDir("help");
        for (List<String> args : List.of(List.of("--help"), List.of("-h"), List.of("import", "--help"),
                List.of("bench-ingest", "--help"), List.of("help", "import"))) {
            Run run = run(dataDir, args, Duration.ofSeconds(60));
            assertThat(run.exitCode()).as("%s exits (a server would not): %s", args, run.output()).isZero();
            assertThat(run.output()).as("%s", args).startsWith("Usage: ledger")
                    .doesNotContain("Starting LedgerApplication", "Tomcat", "HikariPool");
        }
        assertThat(dataDir.resolve("ledger.mv.db")).as("no database was opened").doesNotExist();
    }

    @Test
    void aStartLogsNoDeprecationWarningAndOneReadyLineWithTheUrl() throws Exception {
        Path dataDir = LedgerApiTest.newDataDir("start-log");
        Path log = dataDir.resolve("ledger.log");
        Process ledger = builder(dataDir, List.of()).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            Matcher ready = READY.matcher("");
            while (System.nanoTime() < deadline && ledger.isAlive() && !ready.reset(Files.readString(log)).find()) {
                Thread.sleep(100);
            }
            String output = Files.readString(log);
            assertThat(ready.reset(output).find()).as("the ready line, in:%n%s", output).isTrue();
            String url = ready.group(1);
            HttpResponse<String> readiness = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as("ready when it says so: %s", readiness.body()).isEqualTo(200);

            Thread.sleep(500); // any line logged just after the ready line belongs to the start too
            output = Files.readString(log);
            assertThat(output.lines().filter(line -> line.contains("WARN") && line.toLowerCase().contains("deprecat")))
                    .as("deprecation warnings in the start log").isEmpty();
            assertThat(output.lines().filter(line -> line.contains(" ERROR "))).as("errors in the start log").isEmpty();
            assertThat(output.split("Contribution Ledger ready at", -1)).as("logged once").hasSize(2);
        } finally {
            ledger.destroy();
            if (!ledger.waitFor(30, TimeUnit.SECONDS)) {
                ledger.destroyForcibly();
            }
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(Path dataDir, List<String> args, Duration limit) throws IOException, InterruptedException {
        Process process = builder(dataDir, args).start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return new Run(-1, new String(process.getInputStream().readAllBytes()));
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes()));
    }

    /** The jar on a data directory of its own and a free port, so a server it starts by mistake harms nothing. */
    private static ProcessBuilder builder(Path dataDir, List<String> args) {
        assertThat(JAR).as("the executable jar, built by the package phase").exists();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("LEDGER_") || name.startsWith("SERVER_"));
        env.put("LEDGER_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.put("LEDGER_ADMIN_KEY", "start-log-admin-key-0123456789abcdef");
        env.put("SERVER_PORT", "0");
        return builder;
    }
}
