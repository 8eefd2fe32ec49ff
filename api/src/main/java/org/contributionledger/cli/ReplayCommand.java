package org.contributionledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.contributionledger.LedgerApplication;
import org.contributionledger.api.replay.ReplayConfiguration;
import org.contributionledger.api.replay.ReplayImport;
import org.contributionledger.api.replay.ReplayImport.BadLine;
import org.contributionledger.api.replay.ReplayImport.Imported;
import org.contributionledger.cli.ExitCodes.InputProblem;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import ch.qos.logback.classic.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts a read-only ledger on a fresh embedded store loaded from an event export (docs/audit.md,
 * "Offline replay"): the analyst's copy of one community's history, on their own machine. The chain
 * is checked line by line on the way in; a bad line stops the replay before anything is served.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Start a read-only ledger on a new embedded database loaded from an export made by "
                + "'ledger export --format jsonl', to audit a community's history offline.",
                "Every line is checked against the hash chain on the way in (its digest, increasing positions, "
                        + "each aggregate's events in sequence); the first bad line stops the replay with exit status 5.",
                "Then the ledger serves every read endpoint; writes answer 405 read-only-replay. Read with the "
                        + "admin key ($LEDGER_ADMIN_KEY, or the one printed at start) or the community's own key.",
                "Stop it with Ctrl-C; start it again with a new --data directory."})
public class ReplayCommand implements Callable<Integer> {

    /** The H2 file a store directory holds (as the server's own {@code ledger.data-dir}). */
    static final String STORE_FILE = "ledger.mv.db";

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The export, JSON Lines (ledger export --format jsonl).")
    Path from;

    @Option(names = "--data", defaultValue = "./replay-data", paramLabel = "DIR",
            description = "A new directory for the replay's database (default: ${DEFAULT-VALUE}); one that already holds a store is refused.")
    Path data;

    @Option(names = "--port", defaultValue = "${env:SERVER_PORT:-8080}", paramLabel = "P", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, SQLException, InterruptedException {
        if (!Files.isRegularFile(from) || !Files.isReadable(from)) {
            throw new InputProblem("cannot read " + from);
        }
        if (Files.exists(data.resolve(STORE_FILE))) {
            throw new InputProblem(data + " already holds a ledger store: replay into a new directory (--data)");
        }
        if (Files.exists(data) && !Files.isDirectory(data)) {
            throw new InputProblem(data + " is not a directory");
        }
        boolean created = !Files.exists(data);
        Files.createDirectories(data);
        Imported imported;
        try {
            imported = load();
        } catch (BadLine bad) {
            removeStore(created);
            // After the progress bar's unfinished line.
            spec.commandLine().getErr().println(System.lineSeparator() + spec.qualifiedName() + ": " + from + ", " + bad.getMessage());
            return ExitCodes.ALTERED;
        } catch (IOException | SQLException | RuntimeException failure) {
            removeStore(created);
            throw failure;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%,d events verified and imported (last position %,d, digest %s)%n", imported.events(),
                imported.lastPosition(), imported.lastDigest());
        out.flush();
        serve();
        return ExitCodes.OK;
    }

    private Imported load() throws IOException, SQLException {
        // Spring has not configured logging yet: without this, every step of the migrations would be printed.
        if (LoggerFactory.getLogger("org.flywaydb") instanceof ch.qos.logback.classic.Logger flyway) {
            flyway.setLevel(Level.WARN);
        }
        DriverManagerDataSource store = new DriverManagerDataSource("jdbc:h2:" + storePath(), "sa", "");
        ReplayImport.createSchema(store);
        ProgressBar progress = new ProgressBar(System.err, "replay", countLines(from));
        return ReplayImport.run(from, store, progress::update);
    }

    /**
     * Runs the server in replay mode on the imported store until it is stopped. Command-line
     * properties win over the environment: whatever LEDGER_DB_URL, Kafka or profile the shell holds,
     * the replay reads only its own store and talks to no broker.
     */
    private void serve() throws InterruptedException {
        List<String> args = List.of(
                "--spring.profiles.active=" + ReplayConfiguration.PROFILE,
                "--server.port=" + port,
                "--ledger.data-dir=" + data.toAbsolutePath(),
                "--spring.datasource.url=jdbc:h2:dsync:" + storePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                "--spring.datasource.username=sa",
                "--spring.datasource.password=",
                "--ledger.kafka.bootstrap-servers=");
        CountDownLatch stopped = new CountDownLatch(1);
        SpringApplication application = new SpringApplication(LedgerApplication.class);
        application.addListeners(event -> {
            if (event instanceof ContextClosedEvent) {
                stopped.countDown();
            }
        });
        System.setProperty("disable-axoniq-console-message", "true");
        application.run(args.toArray(String[]::new));
        stopped.await();
    }

    private String storePath() {
        return data.toAbsolutePath().resolve("ledger").toString();
    }

    /** A failed import leaves no half store behind: the same command can run again once the file is fixed. */
    private void removeStore(boolean createdDirectory) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("ledger.")).toList()) {
                Files.deleteIfExists(file);
            }
        }
        if (createdDirectory) {
            try (Stream<Path> left = Files.list(data)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(data);
                }
            }
        }
    }

    private static long countLines(Path file) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        int last = '\n';
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[read - 1];
            }
        }
        return last == '\n' ? lines : lines + 1;
    }
}
