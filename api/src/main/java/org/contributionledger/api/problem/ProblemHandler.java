package org.contributionledger.api.problem;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.contributionledger.api.rebuild.RebuildAlreadyRunning;
import org.contributionledger.api.security.PayloadTooLarge;
import org.contributionledger.api.security.RequestIdFilter;
import org.contributionledger.api.web.RequestBodyTooSlow;
import org.contributionledger.api.webhook.WebhookSecretsKeyMissing;
import org.contributionledger.api.webhook.WebhookSignatureInvalid;
import org.contributionledger.api.write.WriteContention;
import org.contributionledger.core.common.InvalidField;
import org.contributionledger.core.common.LedgerRuleViolation;
import org.contributionledger.core.common.MemberNotActive;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.MemberWasMerged;
import org.contributionledger.core.common.OccurredInFuture;
import org.contributionledger.core.common.UnknownCommunity;
import org.contributionledger.core.common.UnknownMember;
import org.contributionledger.core.community.CategoryWeightForUnknownCategory;
import org.contributionledger.core.community.CommunityAlreadyExists;
import org.contributionledger.core.community.ReciprocityThresholdOutOfRange;
import org.contributionledger.core.community.ReciprocityThresholdsOutOfOrder;
import org.contributionledger.core.community.ReputationAlphaOutOfRange;
import org.contributionledger.core.community.ReputationWeightOutOfRange;
import org.contributionledger.core.community.SettingRuleViolation;
import org.contributionledger.core.community.UnknownApiKey;
import org.contributionledger.core.contribution.ContributionAlreadyFinal;
import org.contributionledger.core.contribution.ContributionIdConflict;
import org.contributionledger.core.contribution.OnlyReceiverMayConfirm;
import org.contributionledger.core.contribution.OnlyReceiverMayDispute;
import org.contributionledger.core.contribution.CorrectionAlreadyPending;
import org.contributionledger.core.contribution.CorrectionChangesNothing;
import org.contributionledger.core.contribution.NoCorrectionPending;
import org.contributionledger.core.contribution.OnlyConfirmedActMayBeCorrected;
import org.contributionledger.core.contribution.OnlyConfirmedActMayBeReversed;
import org.contributionledger.core.contribution.OnlyCounterpartMayDecideCorrection;
import org.contributionledger.core.contribution.OnlyRecorderMayCorrect;
import org.contributionledger.core.contribution.OnlyRecorderMayRevoke;
import org.contributionledger.core.contribution.PlatformActChangedOnlyByItsPlatform;
import org.contributionledger.core.contribution.RecordedByPlatformOnlyThroughWebhooks;
import org.contributionledger.core.contribution.SelfContributionNotAllowed;
import org.contributionledger.core.contribution.UnknownCategory;
import org.contributionledger.core.contribution.ValueOutOfRange;
import org.contributionledger.core.member.IdentityAlreadyLinked;
import org.contributionledger.core.member.IdentityNotLinked;
import org.contributionledger.core.member.MemberAlreadyRegistered;
import org.contributionledger.core.member.MemberCannotMergeIntoItself;
import org.contributionledger.core.trust.SelfTrustNotAllowed;
import org.contributionledger.core.trust.TrustLevelOutOfRange;
import org.contributionledger.query.asof.AsOfBeforeHistory;
import org.contributionledger.query.asof.AsOfInFuture;
import org.contributionledger.query.audit.AuditKeyNotConfigured;
import org.contributionledger.query.audit.NothingChained;
import org.contributionledger.query.paging.LimitOutOfRange;
import org.contributionledger.query.reputation.ReputationReplaying;
import org.contributionledger.query.reputation.ReputationUnavailable;
import org.contributionledger.query.reputation.SinceInFuture;
import org.contributionledger.query.reputation.UnknownSphere;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every refusal to an RFC 9457 problem. Each rule is mapped once, here; anything unmapped is
 * a bug and answers 500 without leaking internals.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private static final Map<Class<? extends LedgerRuleViolation>, HttpStatus> RULE_STATUS = Map.ofEntries(
            Map.entry(UnknownCommunity.class, HttpStatus.NOT_FOUND),
            Map.entry(UnknownMember.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(MemberNotActive.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(MemberWasErased.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(MemberWasMerged.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(MemberCannotMergeIntoItself.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(OccurredInFuture.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(CommunityAlreadyExists.class, HttpStatus.CONFLICT),
            Map.entry(UnknownApiKey.class, HttpStatus.NOT_FOUND),
            Map.entry(MemberAlreadyRegistered.class, HttpStatus.CONFLICT),
            Map.entry(IdentityAlreadyLinked.class, HttpStatus.CONFLICT),
            Map.entry(IdentityNotLinked.class, HttpStatus.NOT_FOUND),
            Map.entry(SelfContributionNotAllowed.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(UnknownCategory.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ValueOutOfRange.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(OnlyReceiverMayConfirm.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(OnlyReceiverMayDispute.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(OnlyRecorderMayRevoke.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ContributionAlreadyFinal.class, HttpStatus.CONFLICT),
            Map.entry(ContributionIdConflict.class, HttpStatus.CONFLICT),
            Map.entry(OnlyRecorderMayCorrect.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(OnlyConfirmedActMayBeCorrected.class, HttpStatus.CONFLICT),
            Map.entry(OnlyConfirmedActMayBeReversed.class, HttpStatus.CONFLICT),
            Map.entry(CorrectionAlreadyPending.class, HttpStatus.CONFLICT),
            Map.entry(CorrectionChangesNothing.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(NoCorrectionPending.class, HttpStatus.CONFLICT),
            Map.entry(OnlyCounterpartMayDecideCorrection.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(SelfTrustNotAllowed.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(TrustLevelOutOfRange.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReputationWeightOutOfRange.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReputationAlphaOutOfRange.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(CategoryWeightForUnknownCategory.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReciprocityThresholdOutOfRange.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReciprocityThresholdsOutOfOrder.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(RecordedByPlatformOnlyThroughWebhooks.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(PlatformActChangedOnlyByItsPlatform.class, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(UnknownSphere.class, HttpStatus.NOT_FOUND),
            Map.entry(SinceInFuture.class, HttpStatus.BAD_REQUEST));

    /** A replay takes seconds (about 20,000 events a second): a client asks again after this. */
    static final int REPLAY_RETRY_AFTER_SECONDS = 2;

    /** The status a rule maps to, or null when the rule is not mapped (a bug: every rule must be). */
    public static HttpStatus statusOf(Class<? extends LedgerRuleViolation> rule) {
        return RULE_STATUS.get(rule);
    }

    /** The problem type (last segment of its URI) a rule is answered with. */
    public static String typeOf(Class<? extends LedgerRuleViolation> rule) {
        return kebab(rule.getSimpleName());
    }

    /** The problem a refused command becomes; also used for each refused item of a batch. */
    public static ProblemDetail problemFor(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof LedgerRuleViolation rule) {
            HttpStatus status = RULE_STATUS.getOrDefault(rule.getClass(), HttpStatus.UNPROCESSABLE_ENTITY);
            ProblemDetail problem = Problems.of(status, kebab(rule.rule()), title(rule.rule()), rule.getMessage());
            if (rule instanceof SettingRuleViolation setting) {
                problem.setProperty("field", setting.field());
            }
            if (rule instanceof ContributionIdConflict conflict) {
                problem.setProperty("differingFields", conflict.differingFields());
            }
            if (rule instanceof MemberWasMerged merged) {
                problem.setProperty("mergedInto", merged.mergedInto());
            }
            if (rule instanceof SinceInFuture) {
                problem.setProperty("field", "since");
            }
            return problem;
        }
        if (cause instanceof ReputationUnavailable unavailable) {
            // The ledger's failure, not the caller's: a 5xx a client may retry, never a 400.
            return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "reputation-unavailable", "Reputation unavailable",
                    unavailable.getMessage());
        }
        if (cause instanceof ReputationReplaying replaying) {
            // Not a 404 (the community may well exist) nor a partial answer: come back shortly.
            ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "reputation-replaying",
                    "Reputation is being rebuilt", replaying.getMessage());
            problem.setProperty("replayed", replaying.replayed());
            problem.setProperty("total", replaying.total());
            return problem;
        }
        if (cause instanceof AuditKeyNotConfigured noKey) {
            return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "audit-key-not-configured", "Audit key not configured",
                    noKey.getMessage());
        }
        if (cause instanceof AsOfInFuture future) {
            return withField(Problems.of(HttpStatus.BAD_REQUEST, "as-of-in-future", "As of a future instant",
                    future.getMessage()), "asOf");
        }
        if (cause instanceof AsOfBeforeHistory before) {
            // The community did not exist at that instant: what the live read said then, with its reason.
            return withField(Problems.of(HttpStatus.NOT_FOUND, "as-of-before-history", "As of before the history",
                    before.getMessage()), "asOf");
        }
        if (cause instanceof RebuildAlreadyRunning running) {
            return Problems.of(HttpStatus.CONFLICT, "rebuild-already-running", "A rebuild is already running",
                    running.getMessage());
        }
        if (cause instanceof NothingChained nothing) {
            return Problems.of(HttpStatus.CONFLICT, "nothing-chained", "Nothing chained yet", nothing.getMessage());
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", describe(String.valueOf(notFound.getAggregateIdentifier())));
        }
        if (cause instanceof LimitOutOfRange limit) {
            return withField(Problems.of(HttpStatus.BAD_REQUEST, "limit-out-of-range", "Limit out of range",
                    limit.getMessage()), limit.field());
        }
        if (cause instanceof IllegalArgumentException) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", cause.getMessage());
            return cause instanceof InvalidField invalid ? withField(problem, invalid.field()) : problem;
        }
        return null;
    }

    @ExceptionHandler({LedgerRuleViolation.class, AggregateNotFoundException.class, IllegalArgumentException.class,
            CommandExecutionException.class, CompletionException.class, AuditKeyNotConfigured.class, NothingChained.class,
            AsOfInFuture.class, AsOfBeforeHistory.class, RebuildAlreadyRunning.class})
    public ResponseEntity<ProblemDetail> refused(RuntimeException failure) {
        ProblemDetail problem = problemFor(failure);
        if (problem == null) {
            return unexpected(failure);
        }
        if (hasCause(failure, ReputationReplaying.class)) {
            return ResponseEntity.status(problem.getStatus())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(REPLAY_RETRY_AFTER_SECONDS)).body(problem);
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** A transient refusal: nothing was stored, and the same request later is decided afresh. */
    @ExceptionHandler(WriteContention.class)
    public ResponseEntity<ProblemDetail> contention(WriteContention failure) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "write-contention",
                "Too many concurrent writes", failure.getMessage() + "; send the same request again after "
                        + failure.retryAfterSeconds() + " s");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(failure.retryAfterSeconds()))
                .body(problem);
    }

    /** Not the bearer key's 401: a platform's delivery without a valid signature (it names no key to fix). */
    @ExceptionHandler(WebhookSignatureInvalid.class)
    public ResponseEntity<ProblemDetail> unsignedDelivery(WebhookSignatureInvalid failure) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Problems.of(HttpStatus.UNAUTHORIZED,
                "webhook-signature-invalid", "Webhook signature invalid", failure.getMessage()));
    }

    @ExceptionHandler(WebhookSecretsKeyMissing.class)
    public ResponseEntity<ProblemDetail> noSecretsKey(WebhookSecretsKeyMissing failure) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(HttpStatus.CONFLICT,
                "webhook-secrets-key-missing", "Webhook secrets key missing", failure.getMessage()));
    }

    @ExceptionHandler(NotFound.class)
    public ResponseEntity<ProblemDetail> notFound(NotFound failure) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", failure.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        if (DatabaseBusy.causedBy(failure)) {
            log.warn("No database connection came free in time; answered 503: {}", failure.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseBusy.RETRY_AFTER_SECONDS))
                    .body(DatabaseBusy.problem());
        }
        // The log line carries the request id (logging context, see RequestIdFilter); so does the answer.
        log.error("Unexpected failure", failure);
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The ledger failed to process the request; nothing partial was recorded. The request id names it in the logs.");
        problem.setProperty("requestId", MDC.get(RequestIdFilter.MDC_REQUEST_ID));
        return ResponseEntity.internalServerError().body(problem);
    }

    /**
     * Spring's own refusals (unsupported media type, method not allowed, a missing parameter) come
     * with the type {@code about:blank}; give them a type that names what went wrong, as every
     * other problem has.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        Object problemBody = body == null && failure instanceof ErrorResponse response ? response.getBody() : body;
        if (problemBody instanceof ProblemDetail problem && "about:blank".equals(String.valueOf(problem.getType()))) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String type = known == null || known == HttpStatus.BAD_REQUEST ? "invalid-request"
                    : known.getReasonPhrase().toLowerCase().replaceAll("[^a-z0-9]+", "-");
            problem.setType(URI.create(Problems.TYPE_BASE + type));
        }
        return super.handleExceptionInternal(failure, problemBody, headers, status, request);
    }

    /** Malformed JSON, wrong types, oversized or slow bodies: say which field, never leak parser internals. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException failure,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (hasCause(failure, PayloadTooLarge.class)) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE,
                    "payload-too-large", "Request body too large", unwrap(failure).getMessage()));
        }
        if (hasCause(failure, RequestBodyTooSlow.class)) {
            return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT).body(Problems.of(HttpStatus.REQUEST_TIMEOUT,
                    "request-body-timeout", "Request body too slow", unwrap(failure).getMessage()));
        }
        return ResponseEntity.badRequest().body(unreadable(failure.getCause()));
    }

    /** Why a JSON body could not be read as its request ({@code cause}: Jackson's exception; null: no body). */
    public static ProblemDetail unreadable(Throwable cause) {
        if (cause == null) {
            return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "A JSON request body is required");
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = fieldPath(unknown.getPath());
            return withField(Problems.of(HttpStatus.BAD_REQUEST, "unknown-field", "Unknown field",
                    "'" + field + "' is not a field of this request; known fields: " + knownFields(unknown)), field);
        }
        StreamReadException duplicate = duplicateField(cause);
        if (duplicate != null) {
            String field = fieldPath(duplicate.getProcessor().getParsingContext());
            return withField(Problems.of(HttpStatus.BAD_REQUEST, "duplicate-field", "Duplicate field",
                    "'" + field + "' appears more than once; send each field once"), field);
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()
                && String.valueOf(mismatch.getOriginalMessage()).startsWith("Trailing token")) {
            return Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The request body continues after its JSON document; send exactly one JSON value");
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping.getPath());
            Throwable root = unwrap(mapping);
            String detail = root instanceof IllegalArgumentException && root != mapping ? root.getMessage()
                    : mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                    ? "'" + field + "' must be " + expected(mismatch.getTargetType())
                    : "'" + field + "' has the wrong type or shape";
            return withField(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail), field);
        }
        if (cause instanceof JsonMappingException mapping && unwrap(mapping) instanceof IllegalArgumentException root) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", root.getMessage());
            return root instanceof InvalidField invalid ? withField(problem, invalid.field()) : problem;
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", "The request body is not valid JSON");
    }

    /** The parser's refusal of a repeated field, which Jackson wraps when it happens inside a nested object. */
    private static StreamReadException duplicateField(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException read && read.getProcessor() != null
                    && String.valueOf(read.getOriginalMessage()).startsWith("Duplicate field")) {
                return read;
            }
        }
        return null;
    }

    /** What a JSON value must look like to be read as {@code type}, in the words of the API's documentation. */
    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a JSON string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant as a JSON string, e.g. \"2024-01-01T00:00:00Z\"";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole JSON number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a JSON number";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    private static String knownFields(UnrecognizedPropertyException unknown) {
        return unknown.getKnownPropertyIds() == null ? "see the API documentation"
                : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList().toString();
    }

    private static ProblemDetail withField(ProblemDetail problem, String field) {
        problem.setProperty("field", field);
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException failure) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "'" + failure.getName() + "' has an invalid value");
        problem.setProperty("field", failure.getName());
        return ResponseEntity.badRequest().body(problem);
    }

    /** The field the parser stood on, in the same notation as {@link #fieldPath(List)}. */
    private static String fieldPath(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            parts.push(at.inArray() ? "[" + at.getCurrentIndex() + "]" : "." + at.getCurrentName());
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current
                && !(current instanceof LedgerRuleViolation)) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }

    private static String title(String name) {
        String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** Aggregate ids are "kind/community/id..." (see core's Ids); say it in words. */
    private static String describe(String aggregateId) {
        String[] parts = aggregateId == null ? new String[0] : aggregateId.split("/");
        if (parts.length == 2) {
            return "No " + parts[0] + " '" + parts[1] + "'";
        }
        if (parts.length < 3) {
            return "Nothing is recorded under this id";
        }
        String what = switch (parts[0]) {
            case "trust" -> "No trust is declared from '" + parts[2] + "' to '" + parts[3] + "'";
            default -> "No " + parts[0] + " '" + parts[2] + "'";
        };
        return what + " in community '" + parts[1] + "'";
    }
}
