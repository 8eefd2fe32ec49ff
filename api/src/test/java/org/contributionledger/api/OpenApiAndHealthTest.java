package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The documentation and the health probe answer without a key; nothing else outside /api does anything. */
class OpenApiAndHealthTest extends LedgerApiTest {

    @Test
    void theOpenApiDocumentListsEveryPathWithoutAKey() {
        Reply docs = admin.withKey(null).get("//v3/api-docs").expect(200);
        assertThat(docs.contentType()).startsWith("application/json");
        JsonNode document = docs.json();
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.path("paths").fieldNames()).toIterable().contains(
                "/api/v1/communities",
                "/api/v1/communities/{communityId}",
                "/api/v1/communities/{communityId}/settings",
                "/api/v1/communities/{communityId}/members",
                "/api/v1/communities/{communityId}/members/{memberId}",
                "/api/v1/communities/{communityId}/members/{memberId}/suspend",
                "/api/v1/communities/{communityId}/members/{memberId}/reinstate",
                "/api/v1/communities/{communityId}/members/{memberId}/statement",
                "/api/v1/communities/{communityId}/members/{memberId}/reciprocity",
                "/api/v1/communities/{communityId}/contributions",
                "/api/v1/communities/{communityId}/contributions/batch",
                "/api/v1/communities/{communityId}/contributions/{contributionId}",
                "/api/v1/communities/{communityId}/contributions/{contributionId}/confirm",
                "/api/v1/communities/{communityId}/contributions/{contributionId}/dispute",
                "/api/v1/communities/{communityId}/contributions/{contributionId}/revoke",
                "/api/v1/communities/{communityId}/trust/{truster}/{trustee}",
                "/api/v1/communities/{communityId}/reciprocity",
                "/api/v1/communities/{communityId}/stats",
                "/api/v1/communities/{communityId}/keys",
                "/api/v1/communities/{communityId}/keys/{apiKeyId}/revoke");
        assertThat(document.at("/components/securitySchemes/bearerKey/scheme").asText()).isEqualTo("bearer");
        JsonNode trust = document.path("paths").path("/api/v1/communities/{communityId}/trust/{truster}/{trustee}");
        assertThat(trust.has("put")).isTrue();
        assertThat(trust.has("delete")).isTrue();
        admin.withKey(null).get("//v3/api-docs.yaml").expect(200);
        assertThat(document.path("paths").path("/api/v1/communities/{communityId}/settings").has("put")).isTrue();
    }

    @Test
    void healthIsUpWithoutAKey() {
        LedgerClient anonymous = admin.withKey(null);
        Reply health = anonymous.get("//actuator/health").expect(200);
        assertThat(health.text("/status")).isEqualTo("UP");
        anonymous.get("//actuator/health/liveness").expect(200);
        anonymous.get("//actuator/health/readiness").expect(200);
    }

    @Test
    void theRootLinksToTheDocumentationForProgramsWithoutAKey() {
        Reply links = admin.withKey(null).withHeader("Accept", "application/json").get("//").expect(200);
        assertThat(links.contentType()).startsWith("application/json");
        assertThat(links.text("/dashboard")).isEqualTo("/dashboard/");
        assertThat(links.text("/apiDocs")).isEqualTo("/v3/api-docs");
        assertThat(links.text("/swaggerUi")).isEqualTo("/swagger-ui.html");
        assertThat(links.text("/health")).isEqualTo("/actuator/health");
        assertThat(links.text("/walkthrough")).isEqualTo("README.md#walkthrough");
        // Every link it gives answers, without a key.
        admin.withKey(null).get("/" + links.text("/apiDocs")).expect(200);
        admin.withKey(null).get("/" + links.text("/health")).expect(200);
        assertThat(admin.withKey(null).get("/" + links.text("/dashboard")).body()).contains("Sign in to a community");
        // A wrong key is not even looked at, as for the documentation.
        admin.withKey("not-a-key").withHeader("Accept", "application/json").get("//").expect(200);
    }

    @Test
    void theRootIsASmallPageForBrowsers() {
        Reply page = admin.withKey(null).withHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .get("//").expect(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("href=\"/dashboard/\"", "href=\"/swagger-ui.html\"", "href=\"/v3/api-docs\"",
                "href=\"/actuator/health\"", "README.md");
    }

    @Test
    void swaggerUiIsServedWithoutAKey() {
        Reply ui = admin.withKey(null).get("//swagger-ui.html");
        assertThat(ui.status()).as(ui.describe()).isIn(200, 302);
    }

    @Test
    void onlyHealthInfoAndMetricsAreExposedAmongActuatorEndpoints() {
        LedgerClient anonymous = admin.withKey(null);
        for (String endpoint : new String[] {"env", "beans", "configprops", "heapdump", "loggers", "mappings"}) {
            Reply reply = anonymous.get("//actuator/" + endpoint);
            // Not exposed: anything outside the public allowlist needs a key (401), and none is mapped (404).
            assertThat(reply.status()).as(reply.describe()).isIn(401, 404);
            Reply asAdmin = admin.get("//actuator/" + endpoint);
            assertThat(asAdmin.status()).as(asAdmin.describe()).isEqualTo(404);
        }
        anonymous.get("//actuator/metrics").expectProblem(401, "unauthorized");
        admin.get("//actuator/metrics").expect(200);
    }
}
