package org.contributionledger.cli;

import org.contributionledger.cli.LedgerHttpClient.KeyRefused;
import org.contributionledger.cli.LedgerHttpClient.LedgerUnreachable;

import picocli.CommandLine;

/**
 * What the command-line client's exit status means (documented in the README). A script can tell
 * "fix the command" from "start the ledger" from "use another key" without reading the message.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** The ledger answered with an error, or something else failed. */
    public static final int FAILED = 1;
    /** The command line is wrong: an unknown option, a missing argument, a file that cannot be read. */
    public static final int USAGE = 2;
    /** No ledger answers at the URL. */
    public static final int UNREACHABLE = 3;
    /** The ledger refused the key (401 or 403). */
    public static final int KEY_REFUSED = 4;
    /** {@code verify}: the stored history was altered (or a checkpoint given does not match it). */
    public static final int ALTERED = 5;

    private ExitCodes() {
    }

    /** One line on standard error and an exit status per kind of failure, never a stack trace. */
    public static int onFailure(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        command.getErr().println(name(command) + ": " + failure.getMessage());
        if (failure instanceof InputProblem) {
            return USAGE;
        }
        if (failure instanceof LedgerUnreachable) {
            return UNREACHABLE;
        }
        if (failure instanceof KeyRefused) {
            return KEY_REFUSED;
        }
        return FAILED;
    }

    /** A command line picocli cannot parse: the problem and where to read more, on one line. */
    public static int onUsageError(CommandLine.ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        command.getErr().println(name(command) + ": " + problem.getMessage() + " (see '" + name(command) + " --help')");
        return USAGE;
    }

    private static String name(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    /** {@code rebuild}: the ledger reported the rebuild failed (exit status {@link #FAILED}). */
    static final class RebuildFailed extends RuntimeException {
        RebuildFailed(String message) {
            super(message);
        }
    }

    /** The input given on the command line cannot be used: a missing file, a row that is not in the format. */
    static final class InputProblem extends RuntimeException {
        InputProblem(String message) {
            super(message);
        }
    }
}
