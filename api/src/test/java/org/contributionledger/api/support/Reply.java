package org.contributionledger.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One HTTP answer of the ledger: status, headers and body, with the JSON read on demand. */
public final class Reply {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final String path;
    private final int status;
    private final HttpHeaders headers;
    private final String body;
    private JsonNode json;

    Reply(String method, String path, int status, HttpHeaders headers, String body) {
        this.method = method;
        this.path = path;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public String contentType() {
        return header("Content-Type").orElse("");
    }

    /** The body as JSON; fails the test when it is not JSON. */
    public JsonNode json() {
        if (json == null) {
            try {
                json = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError(describe() + " did not answer JSON: " + abbreviated(), e);
            }
        }
        return json;
    }

    /** A JSON pointer into the body, e.g. {@code "/given/count"}. */
    public JsonNode at(String pointer) {
        return json().at(pointer);
    }

    public String text(String pointer) {
        return at(pointer).asText();
    }

    /** Asserts the status, showing the body when it differs. */
    public Reply expect(int expected) {
        assertThat(status).as("%s answered %s", describe(), abbreviated()).isEqualTo(expected);
        return this;
    }

    /**
     * Asserts an RFC 9457 problem: the status, the problem+json media type, the status repeated in the
     * body, and a type URI ending in {@code typeSuffix} (when given).
     */
    public Reply expectProblem(int expected, String typeSuffix) {
        expect(expected);
        assertThat(contentType()).as("%s content type", describe()).startsWith("application/problem+json");
        assertThat(at("/status").asInt()).as("%s problem status", describe()).isEqualTo(expected);
        if (typeSuffix != null) {
            assertThat(text("/type")).as("%s problem type; body %s", describe(), abbreviated()).endsWith(typeSuffix);
        }
        return this;
    }

    public String describe() {
        return method + " " + path + " -> " + status;
    }

    String abbreviated() {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "... (" + body.length() + " chars)";
    }

    @Override
    public String toString() {
        return describe() + " " + abbreviated();
    }
}
