package org.contributionledger;

import java.util.Arrays;

import org.contributionledger.cli.AsOfCommand;
import org.contributionledger.cli.BenchIngestCommand;
import org.contributionledger.cli.BenchReadsCommand;
import org.contributionledger.cli.BenchRebuildCommand;
import org.contributionledger.cli.ExitCodes;
import org.contributionledger.cli.ImportCommand;
import org.contributionledger.cli.ReplayCommand;
import org.contributionledger.cli.ExportCommand;
import org.contributionledger.cli.RebuildCommand;
import org.contributionledger.cli.VerifyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import picocli.CommandLine;

/**
 * The ledger's only Spring Boot application: HTTP API, projections and storage in one process.
 * The same jar is the command-line client: {@code import}, {@code export}, {@code verify} and
 * {@code bench-ingest} talk to a running ledger over HTTP and start no server of their own;
 * {@code replay} starts a read-only server of its own over a store imported from an export.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) {
        if (!startsServer(args)) {
            System.exit(cli().execute(args));
        }
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(LedgerApplication.class, args);
    }

    /**
     * The server takes no arguments but Spring properties ({@code --server.port=9090}); anything else
     * ({@code --help}, a command, a typo) is for the command-line client, which never starts Spring:
     * a second server would only fail on the database lock of the first.
     */
    public static boolean startsServer(String[] args) {
        return Arrays.stream(args).allMatch(arg -> arg.startsWith("--") && arg.indexOf('=') > 2);
    }

    public static CommandLine cli() {
        return new CommandLine(new Cli())
                .addSubcommand("import", new ImportCommand())
                .addSubcommand("bench-ingest", new BenchIngestCommand())
                .addSubcommand("bench-reads", new BenchReadsCommand())
                .addSubcommand("bench-rebuild", new BenchRebuildCommand())
                .addSubcommand("verify", new VerifyCommand())
                .addSubcommand("export", new ExportCommand())
                .addSubcommand("as-of", new AsOfCommand())
                .addSubcommand("replay", new ReplayCommand())
                .addSubcommand("rebuild", new RebuildCommand())
                .addSubcommand("help", new CommandLine.HelpCommand())
                .setExecutionExceptionHandler(ExitCodes::onFailure)
                .setParameterExceptionHandler(ExitCodes::onUsageError);
    }

    @CommandLine.Command(name = "ledger", mixinStandardHelpOptions = true,
            synopsisSubcommandLabel = "[COMMAND]",
            description = {"Contribution Ledger.",
                    "Without arguments (or with Spring properties only, e.g. --server.port=9090), starts the server.",
                    "The commands talk to a running ledger over HTTP at $LEDGER_URL (default http://localhost:8080);",
                    "replay starts a read-only ledger of its own from an export."},
            footer = {"", "Exit status: 0 done, 1 the ledger answered an error (or another failure),",
                    "2 wrong command line or unreadable input file, 3 no ledger at the URL, 4 key refused (401/403),",
                    "5 verify or replay found the history altered."})
    static final class Cli implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            // Only reached with arguments that are not a command; a command is required then.
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
        }
    }
}
