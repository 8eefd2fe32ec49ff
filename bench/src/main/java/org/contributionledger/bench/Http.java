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

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
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

    Answer exchange(String method, String path, Object body) {
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
            throw new IllegalStateException(method + " " + baseUrl + path + " failed: " + e, e);
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
}
