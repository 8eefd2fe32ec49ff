package org.contributionledger.api.openapi;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.contributionledger.api.problem.ProblemHandler;
import org.contributionledger.api.problem.Problems;
import org.contributionledger.core.common.LedgerRuleViolation;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * Every problem an operation can answer, by status: the refusals all operations share, those of
 * operations that read a body or write, and the rules the operation names with {@link Refuses}.
 * The types are the last path segment of the problem's {@code type} URI.
 */
final class ProblemResponses {

    /** Refusals before any controller runs: the firewall, the key check, the rate limit; and a bug. */
    private static final Map<Integer, List<String>> EVERY_OPERATION = Map.of(
            400, List.of("ambiguous-path", "request-rejected", "malformed-request", "invalid-request"),
            401, List.of("unauthorized"),
            403, List.of("forbidden"),
            429, List.of("rate-limited"),
            500, List.of("internal-error"));

    /** Refusals of a request body: its JSON, its size, its speed, its media type. */
    private static final Map<Integer, List<String>> WITH_BODY = Map.of(
            400, List.of("malformed-json", "unknown-field", "duplicate-field"),
            408, List.of("request-body-timeout"),
            413, List.of("payload-too-large"),
            415, List.of("unsupported-media-type"),
            503, List.of("too-many-uploads"));

    private ProblemResponses() {
    }

    /** Status to problem types (sorted), for one handler method; {@code replay}: of an offline replay, which refuses writes. */
    static Map<Integer, Set<String>> of(HandlerMethod handler, boolean replay) {
        Map<Integer, Set<String>> byStatus = new TreeMap<>();
        EVERY_OPERATION.forEach((status, types) -> add(byStatus, status, types));
        boolean hasBody = Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
        if (hasBody) {
            WITH_BODY.forEach((status, types) -> add(byStatus, status, types));
        }
        if (Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(PathVariable.class))) {
            add(byStatus, 404, List.of("not-found"));
        }
        if (writes(handler)) {
            add(byStatus, 503, List.of("write-contention"));
            if (replay) {
                add(byStatus, 405, List.of("read-only-replay"));
            }
        }
        Refuses refuses = handler.getMethodAnnotation(Refuses.class);
        if (refuses != null) {
            for (Class<? extends LedgerRuleViolation> rule : refuses.value()) {
                HttpStatus status = ProblemHandler.statusOf(rule);
                if (status == null) {
                    throw new IllegalStateException(rule.getSimpleName() + " is not mapped by ProblemHandler");
                }
                add(byStatus, status.value(), List.of(ProblemHandler.typeOf(rule)));
            }
            for (String also : refuses.also()) {
                String[] statusAndType = also.split(" ");
                add(byStatus, Integer.parseInt(statusAndType[0]), List.of(statusAndType[1]));
            }
        }
        return byStatus;
    }

    static String uri(String type) {
        return Problems.TYPE_BASE + type;
    }

    private static boolean writes(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        List<RequestMethod> methods = mapping == null ? List.of() : List.of(mapping.method());
        return !methods.isEmpty() && !methods.contains(RequestMethod.GET);
    }

    private static void add(Map<Integer, Set<String>> byStatus, int status, List<String> types) {
        byStatus.computeIfAbsent(status, s -> new TreeSet<>()).addAll(types);
    }
}
