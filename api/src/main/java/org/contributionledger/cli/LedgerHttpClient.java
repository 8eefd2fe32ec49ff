package org.contributionledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The CLI's only way into the ledger: its public HTTP API, exactly as any platform would use it. */
final class LedgerHttpClient {

    /** How often a request the ledger answered "busy" is sent in all. */
    private static final int MAX_ATTEMPTS = 6;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final String baseUrl;
    private final String key;
    private final Duration requestTimeout;

    LedgerHttpClient(String baseUrl, String key) {
        this(baseUrl, key, Duration.ofMinutes(2));
    }

    /** @param requestTimeout how long one request may take to be answered */
    LedgerHttpClient(String baseUrl, String key, Duration requestTimeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.key = key;
        this.requestTimeout = requestTimeout;
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    /**
     * Sends one request; a 503 or 429 (the ledger is busy, or this key over its rate) is sent again
     * after the {@code Retry-After} the ledger asked for, a few times. That is safe because every
     * request the CLI sends is idempotent: ids come from the input.
     */
    JsonNode send(String method, String path, Object body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, path, body);
            } catch (Busy busy) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new LedgerCallFailed(busy.getMessage() + " (tried " + attempt + " times)");
                }
                pause(busy.retryAfterSeconds);
            }
        }
    }

    private JsonNode sendOnce(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(requestTimeout)
                    .header("Authorization", "Bearer " + key)
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                refused(method, path, response, response.body());
            }
            return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new LedgerUnreachable("no ledger answers at " + baseUrl + " (" + describe(e)
                    + "); start it with ./ledger, or set LEDGER_URL or --url to where it runs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerCallFailed("Interrupted");
        }
    }

    /**
     * GETs a file the ledger writes as it reads (an export) and copies it to {@code out} as it
     * arrives, never holding it whole. Refusals are told apart as for {@link #send}; a busy ledger is
     * asked again a few times.
     *
     * @return the number of bytes copied
     */
    long download(String path, OutputStream out) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(requestTimeout)
                        .header("Authorization", "Bearer " + key).GET().build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() >= 400) {
                        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                        refused("GET", path, response, text);
                    }
                    return body.transferTo(out);
                }
            } catch (Busy busy) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new LedgerCallFailed(busy.getMessage() + " (tried " + attempt + " times)");
                }
                pause(busy.retryAfterSeconds);
            } catch (IOException e) {
                throw new LedgerUnreachable("no ledger answers at " + baseUrl + " (" + describe(e)
                        + "), or the answer was cut; start it with ./ledger, or set LEDGER_URL or --url to where it runs");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerCallFailed("Interrupted");
            }
        }
    }

    /** Throws the failure an error answer (status 400 and above) stands for. */
    private void refused(String method, String path, HttpResponse<?> response, String body) {
        if (response.statusCode() == 503 || response.statusCode() == 429) {
            long retryAfter = response.headers().firstValue("Retry-After").flatMap(LedgerHttpClient::seconds)
                    .orElse(1L);
            throw new Busy(method + " " + path + " answered " + response.statusCode() + ": " + body,
                    Math.min(30, Math.max(1, retryAfter)));
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new KeyRefused("the ledger at " + baseUrl + " refused the key (" + response.statusCode() + "): "
                    + problemDetail(body));
        }
        throw new LedgerCallFailed(method + " " + path + " answered " + response.statusCode() + ": "
                + problemDetail(body));
    }

    /** A problem+json answer's detail (one line), or the body as it came. */
    private String problemDetail(String body) {
        try {
            JsonNode problem = json.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                return problem.path("detail").asText();
            }
        } catch (IOException notJson) {
            // Not a problem document (a proxy's page, say): show it as it is.
        }
        return body.replaceAll("\\s+", " ").strip();
    }

    /** Java's connection errors often have no message ("ConnectException: null"). */
    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static Optional<Long> seconds(String header) {
        try {
            return Optional.of(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void pause(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerCallFailed("Interrupted");
        }
    }

    /** The ledger asked to come back later. */
    private static final class Busy extends RuntimeException {
        private final long retryAfterSeconds;

        Busy(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    static class LedgerCallFailed extends RuntimeException {
        LedgerCallFailed(String message) {
            super(message);
        }
    }

    /** Nothing answers at the ledger's URL: not started, another port, another host. */
    static final class LedgerUnreachable extends LedgerCallFailed {
        LedgerUnreachable(String message) {
            super(message);
        }
    }

    /** The ledger answered 401 or 403: the key is wrong, revoked, or not allowed this request. */
    static final class KeyRefused extends LedgerCallFailed {
        KeyRefused(String message) {
            super(message);
        }
    }
}
