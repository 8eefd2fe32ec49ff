package org.contributionledger.api.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The judge of the API tests' exchanges has teeth: each kind of mismatch fails. */
class OpenApiContractTest {

    private static final String DOCUMENT = """
            {"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
             "paths": {"/api/v1/things/{id}": {"put": {
               "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
               "requestBody": {"required": true, "content": {"application/json": {"schema": {
                 "type": "object", "required": ["level"],
                 "properties": {"level": {"type": "integer", "minimum": -10, "maximum": 10}}}}}},
               "responses": {
                 "200": {"description": "ok", "content": {"application/json": {"schema": {
                   "type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}}},
                 "422": {"description": "refused", "x-problem-types": ["https://example.org/problems/too-high"],
                   "content": {"application/problem+json": {"schema": {"type": "object",
                     "properties": {"type": {"type": "string"}, "status": {"type": "integer"}}}}}}}}}}}
            """;
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> PROBLEM = Map.of("Content-Type", "application/problem+json");

    private final OpenApiContract contract = OpenApiContract.from(DOCUMENT);

    @Test
    void aDocumentedExchangePasses() {
        assertThatCode(() -> contract.check("PUT", "/api/v1/things/a", JSON, "{\"level\":3}", 200, JSON,
                "{\"id\":\"a\"}")).doesNotThrowAnyException();
        assertThatCode(() -> contract.check("PUT", "/api/v1/things/a", JSON, "{\"level\":30}", 422, PROBLEM,
                "{\"type\":\"https://example.org/problems/too-high\",\"status\":422}")).doesNotThrowAnyException();
    }

    @Test
    void anUndocumentedStatusFails() {
        assertThatThrownBy(() -> contract.check("PUT", "/api/v1/things/a", JSON, "{\"level\":3}", 409, PROBLEM,
                "{\"type\":\"https://example.org/problems/too-high\",\"status\":409}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not match the OpenAPI document");
    }

    @Test
    void aBodyOutsideItsSchemaFails() {
        assertThatThrownBy(() -> contract.check("PUT", "/api/v1/things/a", JSON, "{\"level\":3}", 200, JSON,
                "{\"name\":\"a\"}")).isInstanceOf(AssertionError.class).hasMessageContaining("id");
    }

    @Test
    void aProblemTypeTheResponseDoesNotListFails() {
        assertThatThrownBy(() -> contract.check("PUT", "/api/v1/things/a", JSON, "{\"level\":30}", 422, PROBLEM,
                "{\"type\":\"https://example.org/problems/too-low\",\"status\":422}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("too-low");
    }

    @Test
    void anAcceptedRequestTheDocumentCallsInvalidFails() {
        assertThatThrownBy(() -> contract.check("PUT", "/api/v1/things/a", JSON, "{\"level\":30}", 200, JSON,
                "{\"id\":\"a\"}")).isInstanceOf(AssertionError.class).hasMessageContaining("calls the request invalid");
    }

    @Test
    void anUndocumentedOperationThatAnswersFails() {
        assertThatThrownBy(() -> contract.check("DELETE", "/api/v1/things/a", Map.of(), "", 204, Map.of(), ""))
                .isInstanceOf(AssertionError.class).hasMessageContaining("has no DELETE");
        assertThatCode(() -> contract.check("GET", "/api/v1/nothing", Map.of(), "", 404, PROBLEM,
                "{\"type\":\"x\"}")).doesNotThrowAnyException();
    }
}
