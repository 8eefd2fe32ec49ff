package org.contributionledger.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The benchmark's HTTP client: the same requests, the same way, to either side. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** HTTP/1.1, as both servers speak it (the default would offer an h2c upgrade on every new connection). */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String key;

    Http(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    Http withKey(String otherKey) {
        return new Http(baseUrl, otherKey);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** Requests answered "busy" (503 or 429) and sent again, over the whole run. */
    static final AtomicLong RETRIES = new AtomicLong();
    /** Requests whose connection closed before any answer, sent again on a new one, over the whole run. */
    static final AtomicLong DROPPED = new AtomicLong();

    /**
     * Sends one request and returns its answer. A "busy" answer (503, 429) is part of the contract:
     * the request is sent again after the {@code Retry-After} asked, as any client would, and its
     * time counts (every request the benchmark sends is idempotent: ids come from the client). Any
     * other status but 2xx is a failure of the benchmark.
     */
    JsonNode send(String method, String path, Object body) {
        Answer answer = exchange(method, path, body);
        for (int attempt = 1; (answer.status() == 503 || answer.status() == 429) && attempt < 30; attempt++) {
            RETRIES.incrementAndGet();
            pause(answer.retryAfterSeconds());
            answer = exchange(method, path, body);
        }
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        try {
            return answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " answered no JSON: " + answer.body(), e);
        }
    }

    /**
     * A kept-alive connection the server closes (Tomcat, after 20 s idle) just as the client reuses
     * it fails with no answer at all; nothing reached the server, and the request is sent again on a
     * new connection ({@link #DROPPED}).
     */
    Answer exchange(String method, String path, Object body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return exchangeOnce(method, path, body);
            } catch (ConnectionDropped dropped) {
                if (attempt == 3) {
                    throw new IllegalStateException(method + " " + baseUrl + path + " failed: " + dropped.getCause(),
                            dropped.getCause());
                }
                DROPPED.incrementAndGet();
            }
        }
    }

    private Answer exchangeOnce(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofMinutes(5)).header("Accept", "application/json");
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long retryAfter = response.headers().firstValue("Retry-After").map(String::strip)
                    .filter(value -> value.matches("\\d{1,4}")).map(Long::parseLong).orElse(1L);
            return new Answer(response.statusCode(), response.body(), retryAfter);
        } catch (IOException e) {
            throw new ConnectionDropped(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static void pause(long seconds) {
        try {
            Thread.sleep(Math.max(1, seconds) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    record Answer(int status, String body, long retryAfterSeconds) {
    }

    private static final class ConnectionDropped extends RuntimeException {
        ConnectionDropped(IOException cause) {
            super(cause);
        }
    }
}
