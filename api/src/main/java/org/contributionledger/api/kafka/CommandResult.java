package org.contributionledger.api.kafka;

import org.springframework.http.ProblemDetail;

/**
 * What became of one command record, written to {@code ledger.commands.results} under its
 * {@code requestId}: the status and body the HTTP call would have answered, or its problem.
 * A record read twice (the ledger stopped before it noted the record as done) has two results;
 * the second says what a retry over HTTP would (e.g. 200 instead of 201 for an act).
 */
public record CommandResult(String requestId, String operation, String communityId, int status, Object body,
                            ProblemDetail problem) {

    static CommandResult answered(CommandRecord command, String requestId, int status, Object body) {
        return new CommandResult(requestId, command.operation(), command.communityId(), status, body, null);
    }

    static CommandResult refused(CommandRecord command, String requestId, ProblemDetail problem) {
        return new CommandResult(requestId, command == null ? null : command.operation(),
                command == null ? null : command.communityId(), problem.getStatus(), null, problem);
    }
}
