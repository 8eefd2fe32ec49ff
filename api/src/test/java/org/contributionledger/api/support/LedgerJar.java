package org.contributionledger.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ledger's executable jar, built by the package phase, running in a process of its own as an
 * operator runs it, with its output in a log file: for tests that kill it.
 */
public final class LedgerJar implements AutoCloseable {

    public static final Path JAR = Path.of("target", "contribution-ledger.jar");

    private final Process process;
    private final Path log;
    private final int port;

    private LedgerJar(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the jar on {@code port} with exactly {@code variables} of the ledger's own (whatever
     * {@code LEDGER_*}, {@code SPRING_*} or {@code SERVER_PORT} the test's environment holds is
     * removed) and returns at once: {@link #awaitUp} waits, so that two can start side by side.
     */
    public static LedgerJar start(Map<String, String> variables, int port, Path log) throws IOException {
        return start(List.of(), variables, port, log);
    }

    /** As {@link #start(Map, int, Path)}, with {@code arguments} after the jar (a command such as {@code replay}). */
    public static LedgerJar start(List<String> arguments, Map<String, String> variables, int port, Path log) throws IOException {
        assertThat(JAR).as("the executable jar, built by the package phase").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                // Starts in about half the time; the tests need many starts, not peak speed.
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("LEDGER_") || name.startsWith("SPRING_") || name.equals("SERVER_PORT"));
        env.putAll(variables);
        env.put("SERVER_PORT", Integer.toString(port));
        return new LedgerJar(builder.start(), log, port);
    }

    /** Waits until {@code healthPath} (as {@link LedgerClient} takes it, e.g. {@code //actuator/health}) answers 200. */
    public void awaitUp(String healthPath) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the ledger exited; its log:%n%s", log()).isTrue();
            try {
                if (client().get(healthPath).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The ledger was not up within 3 minutes; its log:\n" + log());
    }

    public LedgerClient client() {
        return LedgerClient.admin(port);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: nothing runs in the ledger after it, no shutdown hook, no connection closed politely. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: Spring shuts down cleanly (the database files closed, the processors' claims released). */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
