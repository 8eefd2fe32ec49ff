package org.contributionledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a server's JVM is started: its jar and the options that go before {@code -jar}.
 *
 * <p>{@link #withClassDataSharing} starts it as {@code ./ledger} does: the jar unpacked and a class
 * data sharing archive made by one training start that stops once the context is ready (Spring
 * Boot's documented way to start faster). The benchmark gives both sides the same, so the restart's
 * ratio compares what each does at start (the replay), not how the JVM was launched.
 */
record Launch(Path jar, List<String> jvmOptions) {

    static Launch plain(Path jar) {
        return new Launch(jar, List.of());
    }

    /**
     * Unpacks {@code jar} under {@code workDir} and trains the archive with {@code args} and
     * {@code env}, on an empty H2 database of its own. Fails, naming its log, when either step does:
     * a benchmark must measure the start it claims.
     */
    static Launch withClassDataSharing(String name, Path jar, List<String> args, Map<String, String> env,
                                       Path workDir) {
        Path unpacked = workDir.resolve(name + "-cds");
        Path archive = unpacked.resolve("classes.jsa");
        Path log = workDir.resolve(name + "-cds-training.log");
        try {
            deleteRecursively(unpacked);
            Files.createDirectories(workDir);
            Path scratch = Files.createTempDirectory(workDir, name + "-cds-training-data");
            run(List.of(ServerProcess.javaExecutable(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                    "--destination", unpacked.toString()), Map.of(), log);
            Path unpackedJar = unpacked.resolve(jar.getFileName());
            List<String> training = new ArrayList<>(List.of(ServerProcess.javaExecutable(),
                    "-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar",
                    unpackedJar.toString()));
            training.addAll(args);
            Map<String, String> trainingEnv = new HashMap<>(env);
            trainingEnv.put("LEDGER_DATA_DIR", scratch.toString());
            // The training start must not open the side's real database (PostgreSQL's runs).
            trainingEnv.remove("LEDGER_DB_URL");
            trainingEnv.remove("LEDGER_DB_USER");
            trainingEnv.remove("SPRING_PROFILES_ACTIVE");
            run(training, trainingEnv, log);
            deleteRecursively(scratch);
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("no class data sharing archive for " + name + "; see " + log);
            }
            return new Launch(unpackedJar, List.of("-XX:SharedArchiveFile=" + archive));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(command.size() - 1) + " did not finish; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("preparing class data sharing failed (exit " + process.exitValue()
                    + "); see " + log);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
