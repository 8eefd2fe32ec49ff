package org.contributionledger.bench;

import java.util.Arrays;

import org.contributionledger.bench.baseline.BaselineApplication;

import picocli.CommandLine;

/**
 * The bench jar's entry point. With {@code baseline-server} first it runs the baseline ledger (the
 * benchmark starts it as a child process, as it starts the shipped jar); otherwise it runs the
 * benchmark itself.
 */
public final class BenchMain {

    static final String BASELINE_SERVER = "baseline-server";

    private BenchMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(BASELINE_SERVER)) {
            BaselineApplication.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
