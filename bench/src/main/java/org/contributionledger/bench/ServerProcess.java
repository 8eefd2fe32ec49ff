package org.contributionledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One server under test, a child JVM: the shipped jar or the baseline. Its heap is read from its
 * own GC log (the heap in use before each collection is the most it held since the previous one),
 * so both sides are measured the same way without an endpoint of their own.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern GC_PAUSE = Pattern.compile("Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Process process;
    private final Path gcLog;
    private final Path output;
    final String url;
    /** From just before the process was started to readiness UP, in seconds. */
    final double secondsToReady;

    private ServerProcess(Process process, Path gcLog, Path output, String url, double secondsToReady) {
        this.process = process;
        this.gcLog = gcLog;
        this.output = output;
        this.url = url;
        this.secondsToReady = secondsToReady;
    }

    /**
     * Starts {@code java [launch's options] -jar jar [args]} with {@code env} added to this
     * process's environment, on a free port, and waits until {@code /actuator/health/readiness} says UP.
     */
    static ServerProcess start(String name, Path workDir, String heap, Launch launch, List<String> args,
                               Map<String, String> env, int readyTimeoutSeconds) {
        try {
            Files.createDirectories(workDir);
            int port = freePort();
            Path gcLog = workDir.resolve(name + "-gc.log");
            Path output = workDir.resolve(name + ".log");
            Files.deleteIfExists(gcLog);
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + heap, "-Xlog:gc:file=" + gcLog));
            command.addAll(launch.jvmOptions());
            command.addAll(List.of("-jar", launch.jar().toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            builder.environment().putAll(env);
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            long start = System.nanoTime();
            Process process = builder.start();
            String url = "http://localhost:" + port;
            Http http = new Http(url, null);
            long deadline = start + TimeUnit.SECONDS.toNanos(readyTimeoutSeconds);
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was"
                            + " ready; its output: " + output);
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException(name + " was not ready after " + readyTimeoutSeconds
                            + " s; its output: " + output);
                }
                if (ready(http)) {
                    break;
                }
                Thread.sleep(20);
            }
            return new ServerProcess(process, gcLog, output, url, (System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static boolean ready(Http http) {
        try {
            Http.Answer answer = http.exchange("GET", "/actuator/health/readiness", null);
            return answer.status() == 200 && answer.body().contains("\"UP\"");
        } catch (IllegalStateException notListeningYet) {
            return false;
        }
    }

    /** The most heap the process held so far, in MiB, as its GC log tells it. */
    long peakHeapMiB() {
        long peak = 0;
        try (Stream<String> lines = Files.lines(gcLog)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher pause = GC_PAUSE.matcher(line);
                if (pause.find()) {
                    peak = Math.max(peak, Long.parseLong(pause.group(1)));
                }
            }
        } catch (IOException noLogYet) {
            return 0;
        }
        return peak;
    }

    /**
     * The heap the process holds after a full collection, in MiB: what it keeps, where the peak
     * only says how far G1 let the heap grow before collecting. The collection is asked with
     * {@code jcmd GC.run}, and its result read from the GC log.
     */
    double liveHeapMiB() {
        try {
            int before = fullCollections().size();
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!jcmd.waitFor(120, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IllegalStateException("jcmd GC.run did not succeed on " + output);
            }
            // The log line of the collection may follow the command's answer by a few milliseconds.
            for (int attempt = 0; attempt < 50; attempt++) {
                List<Long> after = fullCollections();
                if (after.size() > before) {
                    return after.get(after.size() - 1);
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("No full collection in " + gcLog + " after jcmd GC.run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** The heap after each full collection so far, in MiB. */
    private List<Long> fullCollections() throws IOException {
        List<Long> live = new ArrayList<>();
        try (Stream<String> lines = Files.lines(gcLog)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher pause = GC_PAUSE.matcher(line);
                if (line.contains("Pause Full") && pause.find()) {
                    live.add(Long.parseLong(pause.group(2)));
                }
            }
        }
        return live;
    }

    Path output() {
        return output;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
