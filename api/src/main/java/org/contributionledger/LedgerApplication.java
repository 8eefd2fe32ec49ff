package org.contributionledger;

import java.util.Arrays;
import java.util.Set;

import org.contributionledger.cli.BenchIngestCommand;
import org.contributionledger.cli.ImportCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import picocli.CommandLine;

/**
 * The ledger's only Spring Boot application: HTTP API, projections and storage in one process.
 * The same jar is the command-line client: {@code import} and {@code bench-ingest} talk to a
 * running ledger over HTTP and start no server of their own.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LedgerApplication {

    private static final Set<String> CLI_COMMANDS = Set.of("import", "bench-ingest", "help");

    public static void main(String[] args) {
        if (args.length > 0 && CLI_COMMANDS.contains(args[0])) {
            System.exit(cli().execute(args));
        }
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(LedgerApplication.class, args);
    }

    public static CommandLine cli() {
        return new CommandLine(new Cli())
                .addSubcommand("import", new ImportCommand())
                .addSubcommand("bench-ingest", new BenchIngestCommand())
                .addSubcommand("help", new CommandLine.HelpCommand());
    }

    @CommandLine.Command(name = "ledger", mixinStandardHelpOptions = true,
            description = "Contribution Ledger. Without a command, starts the server.")
    static final class Cli implements Runnable {
        @Override
        public void run() {
            System.out.println("Commands: " + Arrays.toString(CLI_COMMANDS.toArray()));
        }
    }
}
