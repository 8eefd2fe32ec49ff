package org.contributionledger.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ledger's HTTP API as a platform sees it, over a real socket ({@link HttpClient}, HTTP/1.1).
 * Paths are relative to {@code /api/v1} unless they start with {@code //} (then they are taken
 * from the server root, e.g. {@code //actuator/health}). Immutable: {@link #withKey} and
 * {@link #withHeader} return new clients.
 */
public final class LedgerClient {

    public static final String ADMIN_KEY = "test-admin-key-of-the-shared-ledger";
    public static final String API = "/api/v1";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI root;
    private final String authorization;
    private final Map<String, String> headers;

    private LedgerClient(URI root, String authorization, Map<String, String> headers) {
        this.root = root;
        this.authorization = authorization;
        this.headers = Map.copyOf(headers);
    }

    /** A client holding the admin key of the test configuration. */
    public static LedgerClient admin(int port) {
        return new LedgerClient(URI.create("http://localhost:" + port), "Bearer " + ADMIN_KEY, Map.of());
    }

    /** The same server with another bearer key; null sends no Authorization header at all. */
    public LedgerClient withKey(String key) {
        return withAuthorization(key == null ? null : "Bearer " + key);
    }

    /** Any Authorization header value, verbatim (e.g. {@code Basic ...}); null for none. */
    public LedgerClient withAuthorization(String authorization) {
        return new LedgerClient(root, authorization, headers);
    }

    public LedgerClient withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new LedgerClient(root, authorization, more);
    }

    public LedgerClient withRequestId(String requestId) {
        return withHeader("X-Request-Id", requestId);
    }

    // ---- plain HTTP ---------------------------------------------------------------------------

    public Reply get(String path) {
        return exchange("GET", path, "", null);
    }

    public Reply post(String path, Object body) {
        return exchange("POST", path, json(body), "application/json");
    }

    public Reply put(String path, Object body) {
        return exchange("PUT", path, json(body), "application/json");
    }

    public Reply patch(String path, Object body) {
        return exchange("PATCH", path, json(body), "application/json");
    }

    public Reply delete(String path) {
        return exchange("DELETE", path, "", null);
    }

    /** Sends {@code body} exactly as given (a String is sent verbatim, not as a JSON string). */
    public Reply raw(String method, String path, String body, String contentType) {
        return exchange(method, path, body == null ? "" : body, contentType);
    }

    /**
     * Sends a body the test builds itself (bytes, a stream). Only the answer is checked against the
     * OpenAPI document: the body is not known here.
     */
    public Reply send(String method, String path, BodyPublisher body, String contentType) {
        return send(method, path, body, null, contentType);
    }

    private Reply exchange(String method, String path, String body, String contentType) {
        return send(method, path, body.isEmpty() ? BodyPublishers.noBody() : BodyPublishers.ofString(body), body,
                contentType);
    }

    private Reply send(String method, String path, BodyPublisher body, String bodyText, String contentType) {
        URI uri = URI.create(root + (path.startsWith("//") ? path.substring(1) : API + path));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).method(method, body);
        Map<String, String> sent = new LinkedHashMap<>();
        if (authorization != null) {
            sent.put("Authorization", authorization);
        }
        if (contentType != null) {
            sent.put("Content-Type", contentType);
        }
        sent.putAll(headers);
        sent.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, String> received = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> received.put(name, values.get(0)));
        OpenApiContract.checkExchange(root.getPort(), method, uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), sent, bodyText,
                response.statusCode(), received, response.body());
        return new Reply(method, path, response.statusCode(), response.headers(), response.body());
    }

    private static String json(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Test body cannot be written as JSON", e);
        }
    }

    // ---- the API in the words of the README -------------------------------------------------

    /** Creates a community with default settings and returns it with a client that holds its key. */
    public Community createCommunity(String id, String name) {
        return createCommunity(Map.of("id", id, "name", name));
    }

    public Community createCommunity(Map<String, ?> body) {
        Reply reply = post("/communities", body).expect(201);
        return new Community(reply.text("/id"), reply.text("/apiKey"), reply.text("/apiKeyId"),
                withKey(reply.text("/apiKey")));
    }

    public Reply registerMember(String community, String memberId, String displayName) {
        return post("/communities/" + community + "/members", Map.of("id", memberId, "displayName", displayName));
    }

    public Reply member(String community, String memberId) {
        return get("/communities/" + community + "/members/" + memberId);
    }

    public Reply record(String community, Map<String, ?> act) {
        return post("/communities/" + community + "/contributions", act);
    }

    public Reply recordBatch(String community, List<?> acts) {
        return post("/communities/" + community + "/contributions/batch", Map.of("contributions", acts));
    }

    public Reply contribution(String community, String contributionId) {
        return get("/communities/" + community + "/contributions/" + contributionId);
    }

    public Reply confirm(String community, String contributionId, String by) {
        return post("/communities/" + community + "/contributions/" + contributionId + "/confirm", Map.of("by", by));
    }

    public Reply dispute(String community, String contributionId, String by, String reason) {
        return post("/communities/" + community + "/contributions/" + contributionId + "/dispute",
                Map.of("by", by, "reason", reason));
    }

    public Reply revoke(String community, String contributionId, String by, String reason) {
        return post("/communities/" + community + "/contributions/" + contributionId + "/revoke",
                Map.of("by", by, "reason", reason));
    }

    public Reply declareTrust(String community, String truster, String trustee, int level) {
        return put("/communities/" + community + "/trust/" + truster + "/" + trustee, Map.of("level", level));
    }

    public Reply withdrawTrust(String community, String truster, String trustee) {
        return delete("/communities/" + community + "/trust/" + truster + "/" + trustee);
    }

    public Reply statement(String community, String memberId, String cursor, Integer limit) {
        StringBuilder query = new StringBuilder();
        if (cursor != null) {
            query.append(query.isEmpty() ? "?" : "&").append("cursor=").append(encode(cursor));
        }
        if (limit != null) {
            query.append(query.isEmpty() ? "?" : "&").append("limit=").append(limit);
        }
        return get("/communities/" + community + "/members/" + memberId + "/statement" + query);
    }

    public Reply reciprocity(String community, String memberId) {
        return get("/communities/" + community + "/members/" + memberId + "/reciprocity");
    }

    public Reply pairwise(String community, String a, String b) {
        return get("/communities/" + community + "/reciprocity?a=" + encode(a) + "&b=" + encode(b));
    }

    public Reply stats(String community) {
        return get("/communities/" + community + "/stats");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A created community: its id, its key (shown once), the key's id, and a client holding the key. */
    public record Community(String id, String apiKey, String apiKeyId, LedgerClient client) {
    }
}
