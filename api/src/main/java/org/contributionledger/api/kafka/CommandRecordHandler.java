package org.contributionledger.api.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.contributionledger.api.LedgerCommands;
import org.contributionledger.api.Provenance;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.api.problem.ProblemHandler;
import org.contributionledger.api.problem.Problems;
import org.contributionledger.api.security.ApiKeyAuthentication;
import org.contributionledger.api.security.ApiKeyAuthenticationProvider;
import org.contributionledger.api.security.Caller;
import org.contributionledger.api.security.KeyRejected;
import org.contributionledger.api.security.KeyUsage;
import org.contributionledger.api.security.RequestIdFilter;
import org.contributionledger.api.write.WriteContention;
import org.contributionledger.core.common.InvalidField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Decides what becomes of one record of {@code ledger.commands}: read it, check its key as an
 * HTTP request's key is checked, and serve it through {@link CommandOperations}. Every record
 * ends in an {@link Outcome}, accepted or refused with a problem, except when the database could
 * not decide it at all: then {@link CommandNotDecided} asks for the same record again later.
 */
public class CommandRecordHandler {

    /** The record header that carries the community key, as {@code Bearer <key>}, like HTTP's. */
    public static final String AUTHORIZATION = "authorization";

    private static final Logger log = LoggerFactory.getLogger(CommandRecordHandler.class);
    private static final String BEARER = "bearer ";

    private final CommandOperations operations;
    private final ApiKeyAuthenticationProvider keys;
    private final KeyUsage usage;
    private final ObjectMapper json;
    private final Clock clock;

    public CommandRecordHandler(CommandOperations operations, ApiKeyAuthenticationProvider keys, KeyUsage usage,
                                ObjectMapper json, Clock clock) {
        this.operations = operations;
        this.keys = keys;
        this.usage = usage;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param resultKey the key of the result record: the command's request id
     * @param result    what the HTTP call would have answered
     * @param refusal   why the record goes to the dead-letter topic; null when it was accepted
     */
    public record Outcome(String resultKey, CommandResult result, ProblemDetail refusal) {
    }

    /** The database could not decide the command (it is unreachable, or too busy): nothing was stored. */
    public static final class CommandNotDecided extends RuntimeException {
        CommandNotDecided(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    public Outcome handle(ConsumerRecord<String, byte[]> record) {
        Instant receivedAt = clock.instant();
        // Without an id of the client's, the record's own place names it: unique, and the same on a second reading.
        String requestId = "kafka-" + record.topic() + "-" + record.partition() + "-" + record.offset();
        CommandRecord command = null;
        try {
            command = read(record);
            if (command.requestId() != null) {
                if (!RequestIdFilter.isSafe(command.requestId())) {
                    throw new InvalidField("requestId", "requestId must be 1 to 128 letters, digits or . _ : -");
                }
                requestId = command.requestId();
            }
            if (command.communityId() == null || command.communityId().isBlank()) {
                throw new InvalidField("communityId", "communityId is required");
            }
            Caller caller = authenticate(record, command.communityId());
            usage.used(caller.keyId(), receivedAt);
            MDC.put(RequestIdFilter.MDC_REQUEST_ID, requestId);
            MDC.put(RequestIdFilter.MDC_KEY_ID, caller.keyId());
            CommandRecord accepted = command;
            ResponseEntity<?> answer = LedgerCommands.actingFor(
                    new Provenance(caller.keyId(), requestId, receivedAt), () -> serve(accepted));
            return new Outcome(requestId, CommandResult.answered(command, requestId,
                    answer.getStatusCode().value(), answer.getBody()), null);
        } catch (RuntimeException failure) {
            ProblemDetail problem = problemFor(failure);
            return new Outcome(requestId, CommandResult.refused(command, requestId, problem), problem);
        } finally {
            MDC.remove(RequestIdFilter.MDC_REQUEST_ID);
            MDC.remove(RequestIdFilter.MDC_KEY_ID);
        }
    }

    private CommandRecord read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null || record.value().length == 0) {
            throw new Unreadable(null);
        }
        try {
            return json.readValue(record.value(), CommandRecord.class);
        } catch (IOException unreadable) {
            throw new Unreadable(unreadable);
        }
    }

    private Caller authenticate(ConsumerRecord<String, byte[]> record, String communityId) {
        Header header = record.headers().lastHeader(AUTHORIZATION);
        String value = header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
        if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length()) || value.length() == BEARER.length()) {
            throw new Refused(Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Missing or unknown API key",
                    "Send the header 'authorization' with 'Bearer <key>': the community's key or the admin key"));
        }
        Caller caller;
        try {
            String key = value.substring(BEARER.length()).trim();
            caller = ((ApiKeyAuthentication) keys.authenticate(ApiKeyAuthentication.unchecked(key))).getPrincipal();
        } catch (KeyRejected rejected) {
            throw new Refused(Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Missing or unknown API key",
                    rejected.getMessage()));
        }
        if (!caller.mayActIn(communityId)) {
            throw new Refused(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed with this key",
                    "This key acts only inside community '" + caller.communityId() + "'"));
        }
        return caller;
    }

    private ResponseEntity<?> serve(CommandRecord command) {
        try {
            return operations.apply(command);
        } catch (JsonProcessingException unreadable) {
            throw new Unreadable(unreadable);
        }
    }

    /** The problem an HTTP caller would get for the same failure; database trouble is retried instead. */
    private ProblemDetail problemFor(RuntimeException failure) {
        if (failure instanceof Refused refused) {
            return refused.problem;
        }
        if (failure instanceof Unreadable unreadable) {
            return ProblemHandler.unreadable(unreadable.getCause());
        }
        if (failure instanceof CommandOperations.UnknownOperation unknown) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "unknown-operation", "Unknown operation",
                    unknown.getMessage());
            problem.setProperty("field", "operation");
            return problem;
        }
        if (failure instanceof NotFound notFound) {
            return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", notFound.getMessage());
        }
        if (isDatabaseTrouble(failure)) {
            throw new CommandNotDecided(failure);
        }
        ProblemDetail problem = ProblemHandler.problemFor(failure);
        if (problem != null) {
            return problem;
        }
        // A fault of the ledger's own: dead-lettered rather than retried forever, so the partition moves on.
        log.error("Unexpected failure serving a command from Kafka", failure);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The ledger failed to process the command; nothing partial was recorded");
    }

    private static boolean isDatabaseTrouble(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof WriteContention || cause instanceof DataAccessException
                    || cause instanceof TransactionException || cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /** The record's value is not a command: not JSON, or not the shape of one. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(Throwable cause) {
            super(cause);
        }
    }

    /** The key check's refusal, as the problem HTTP would answer. */
    private static final class Refused extends RuntimeException {
        private final transient ProblemDetail problem;

        Refused(ProblemDetail problem) {
            super(problem.getDetail());
            this.problem = problem;
        }
    }
}
