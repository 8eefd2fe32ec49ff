package org.contributionledger.api.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OpenAPI document a running ledger serves at {@code /v3/api-docs}, as a judge of every exchange
 * the API tests make through {@link LedgerClient}: the answer must be one the document describes
 * (status, media type, body schema, and for a problem a {@code type} listed under the response's
 * {@code x-problem-types}). A request the document calls invalid must be refused (4xx): tests send
 * malformed requests on purpose, and the document must not promise what the ledger refuses to do.
 * The document is fetched once per ledger (per port).
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, OpenApiContract> BY_PORT = new ConcurrentHashMap<>();
    private static final String API = "/api/";
    private static final String PROBLEM_TYPES = "x-problem-types";
    /** A body sent to an operation that takes none is ignored by the ledger, not a broken promise. */
    private static final Pattern BATCH_ITEM = Pattern.compile("^\\[Path '/(?:contributions|members|declarations)/(\\d+)[/']");
    private static final String IGNORED_BODY = "validation.request.body.unexpected";
    /**
     * The ledger reads an optional field sent as null as a field left out. The document lists such
     * fields as optional; a null where it describes an object is leniency, not a broken promise.
     */
    private static final String NULL_VALUE = "Instance type (null)";

    private final JsonNode document;
    private final OpenApiInteractionValidator validator;
    private final List<PathTemplate> templates;

    private OpenApiContract(String document) {
        try {
            this.document = JSON.readTree(document);
        } catch (IOException e) {
            throw new AssertionError("/v3/api-docs is not JSON", e);
        }
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
        List<PathTemplate> paths = new ArrayList<>();
        this.document.path("paths").fieldNames().forEachRemaining(path -> paths.add(new PathTemplate(path)));
        // A literal segment wins over a variable one: /members/batch is not /members/{memberId}.
        paths.sort(Comparator.comparingInt(PathTemplate::variables));
        this.templates = List.copyOf(paths);
    }

    /** A judge for a document given as text (for testing the judge itself). */
    static OpenApiContract from(String document) {
        return new OpenApiContract(document);
    }

    /** The document of the ledger on {@code port}, fetched at the first call. */
    public static OpenApiContract of(int port) {
        return BY_PORT.computeIfAbsent(port, OpenApiContract::fetch);
    }

    /**
     * Checks one exchange with the ledger on {@code port} (see {@link #check}). Only the API's own
     * paths are judged; the document is not even fetched for others, so a health probe stays as
     * fast as the ledger answers it.
     */
    public static void checkExchange(int port, String method, String target, Map<String, String> requestHeaders,
                                     String requestBody, int status, Map<String, String> responseHeaders,
                                     String responseBody) {
        if (target.startsWith(API)) {
            of(port).check(method, target, requestHeaders, requestBody, status, responseHeaders, responseBody);
        }
    }

    public JsonNode document() {
        return document;
    }

    private static OpenApiContract fetch(int port) {
        try {
            HttpResponse<String> docs = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (docs.statusCode() != 200) {
                throw new AssertionError("/v3/api-docs answered " + docs.statusCode());
            }
            return new OpenApiContract(docs.body());
        } catch (IOException e) {
            throw new AssertionError("/v3/api-docs could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fails with an {@link AssertionError} when the exchange does not match the document.
     *
     * @param target      the path and query as sent, e.g. {@code /api/v1/communities/x/leaderboard?limit=5}
     * @param requestBody the body as sent; null when unknown (then only the answer is checked)
     */
    public void check(String method, String target, Map<String, String> requestHeaders, String requestBody,
                      int status, Map<String, String> responseHeaders, String responseBody) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        if (!path.startsWith(API)) {
            return; // documentation, health, metrics: not part of the API's contract
        }
        String exchange = method + " " + target + " -> " + status;
        Request.Method verb;
        try {
            verb = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknownMethod) {
            return;
        }
        PathTemplate template = templates.stream().filter(t -> t.matches(path)).findFirst().orElse(null);
        JsonNode operation = template == null ? null
                : document.path("paths").path(template.path()).path(method.toLowerCase(Locale.ROOT));
        if (operation == null || operation.isMissingNode()) {
            // No such operation: the ledger must not do anything with it.
            if (status < 400) {
                throw new AssertionError(exchange + " answered " + status + ", but the OpenAPI document has no "
                        + method + " " + path);
            }
            return;
        }
        if (requestBody != null) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(verb, path).withBody(requestBody);
            requestHeaders.forEach((name, value) -> request.withHeader(name, name.equalsIgnoreCase("Authorization")
                    ? caseInsensitiveScheme(value) : value));
            if (question >= 0) {
                queryParameters(target.substring(question + 1)).forEach(request::withQueryParam);
            }
            ValidationReport report = validator.validateRequest(request.build());
            boolean invalid = report.getMessages().stream().anyMatch(message ->
                    message.getLevel() == ValidationReport.Level.ERROR && !IGNORED_BODY.equals(message.getKey())
                            && !message.getMessage().contains(NULL_VALUE)
                            && !rejectedBatchItem(message, status, responseBody));
            if (invalid && status < 400) {
                throw new AssertionError(exchange + " was accepted, but the OpenAPI document calls the request invalid:\n"
                        + describe(report));
            }
        }
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        responseHeaders.forEach(response::withHeader);
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withBody(responseBody);
        }
        ValidationReport report = validator.validateResponse(path, verb, response.build());
        if (report.hasErrors()) {
            throw new AssertionError(exchange + " does not match the OpenAPI document:\n" + describe(report)
                    + "\nbody: " + abbreviated(responseBody));
        }
        String contentType = responseHeaders.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue)
                .findFirst().orElse("");
        if (contentType.startsWith("application/problem+json")) {
            String type = readType(responseBody);
            JsonNode listed = operation.path("responses").path(String.valueOf(status)).path(PROBLEM_TYPES);
            List<String> types = new ArrayList<>();
            listed.forEach(t -> types.add(t.asText()));
            if (!types.contains(type)) {
                throw new AssertionError(exchange + " answered a problem of type " + type + ", which the OpenAPI "
                        + "document does not list for this status (" + PROBLEM_TYPES + ": " + types + ")");
            }
        }
    }

    /**
     * A batch is checked item by item: an item the document calls invalid (e.g. a value of 0) is
     * answered {@code "outcome":"rejected"} inside a 200, with the batch's other items recorded.
     */
    private static boolean rejectedBatchItem(ValidationReport.Message message, int status, String responseBody) {
        Matcher item = BATCH_ITEM.matcher(message.getMessage());
        if (status != 200 || !item.find()) {
            return false;
        }
        try {
            JsonNode result = JSON.readTree(responseBody).path("results").path(Integer.parseInt(item.group(1)));
            return "rejected".equals(result.path("outcome").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** HTTP's authentication scheme is case-insensitive (RFC 9110, 11.1); the validator's check is not. */
    private static String caseInsensitiveScheme(String authorization) {
        String trimmed = authorization.trim();
        return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer " + trimmed.substring(7).trim() : authorization;
    }

    private static String readType(String body) {
        try {
            return JSON.readTree(body).path("type").asText();
        } catch (IOException e) {
            throw new AssertionError("A problem that is not JSON: " + abbreviated(body), e);
        }
    }

    private static Map<String, List<String>> queryParameters(String query) {
        Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> "  " + message.getKey() + ": " + message.getMessage()
                        + (message.getNestedMessages().isEmpty() ? "" : " " + message.getNestedMessages().stream()
                        .map(ValidationReport.Message::getMessage).collect(Collectors.joining("; "))))
                .collect(Collectors.joining("\n"));
    }

    private static String abbreviated(String body) {
        return body == null || body.length() <= 2000 ? String.valueOf(body) : body.substring(0, 2000) + "...";
    }

    /** One path of the document, e.g. {@code /api/v1/communities/{communityId}}, as a pattern. */
    private record PathTemplate(String path, Pattern pattern, int variables) {

        PathTemplate(String path) {
            this(path, Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q")),
                    (int) path.chars().filter(c -> c == '{').count());
        }

        boolean matches(String actual) {
            return pattern.matcher(actual).matches();
        }
    }
}
