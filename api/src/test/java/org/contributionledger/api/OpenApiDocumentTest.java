package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.contributionledger.api.problem.ProblemHandler;
import org.contributionledger.api.problem.Problems;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.OpenApiContract;
import org.contributionledger.core.common.LedgerRuleViolation;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The OpenAPI document is the contract a client is written from: exact bodies, statuses, problems,
 * security and names. (That every answer of the API tests matches it is checked on every exchange,
 * see support.OpenApiContract.)
 */
class OpenApiDocumentTest extends LedgerApiTest {

    /** The committed copy, from which the test client is generated (see api/pom.xml). */
    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    static final String REFRESH = "ledger.openapi.refresh";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonNode document() {
        return OpenApiContract.of(port).document();
    }

    private Stream<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                operation -> operations.add(Map.entry(operation.getKey().toUpperCase() + " " + path.getKey(),
                        operation.getValue()))));
        return operations.stream();
    }

    @Test
    void theServedDocumentIsTheCommittedOne() throws IOException {
        String served = JSON.writeValueAsString(document()) + "\n";
        if (Boolean.getBoolean(REFRESH)) {
            Files.writeString(COMMITTED, served);
        }
        assertThat(COMMITTED).as("docs/openapi.json exists").exists();
        assertThat(JSON.readTree(COMMITTED.toFile()))
                .as("docs/openapi.json is not what the ledger serves. If the change is intended, rewrite it with "
                        + "mvn -pl api -am verify -Dtest=OpenApiDocumentTest -D" + REFRESH + "=true "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -DskipITs, and commit it")
                .isEqualTo(document());
    }

    @Test
    void itSaysWhatTheApiIsAndWhereItIs() {
        assertThat(document().path("openapi").asText()).startsWith("3.0");
        assertThat(document().at("/info/title").asText()).isEqualTo("Contribution Ledger API");
        assertThat(document().at("/info/version").asText()).isEqualTo("1");
        assertThat(document().at("/servers/0/url").asText()).isEqualTo("/");
        assertThat(document().at("/components/securitySchemes/bearerKey/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void everyOperationHasAMeaningfulIdATagTheBearerKeyAndItsProblems() {
        Set<String> ids = new HashSet<>();
        operations().forEach(entry -> {
            String name = entry.getKey();
            JsonNode operation = entry.getValue();
            String id = operation.path("operationId").asText();
            assertThat(id).as("%s operationId", name).matches("[a-z][A-Za-z]+").doesNotContain("_");
            assertThat(ids.add(id)).as("%s operationId %s is unique", name, id).isTrue();
            assertThat(operation.path("summary").asText()).as("%s summary", name).isNotBlank();
            assertThat(operation.path("tags").get(0).asText()).as("%s tag", name).doesNotEndWith("-controller");
            assertThat(operation.at("/security/0/bearerKey").isArray()).as("%s security", name).isTrue();
            for (String status : new String[] {"400", "401", "403", "429", "500"}) {
                JsonNode response = operation.path("responses").path(status);
                assertThat(response.at("/content/application~1problem+json/schema/$ref").asText())
                        .as("%s %s", name, status).isEqualTo("#/components/schemas/Problem");
                assertThat(response.path("x-problem-types").size()).as("%s %s problem types", name, status).isPositive();
            }
            operation.path("responses").fields().forEachRemaining(response -> assertThat(
                    response.getValue().path("content").has("*/*")).as("%s %s media type", name, response.getKey()).isFalse());
        });
        assertThat(ids).hasSizeGreaterThanOrEqualTo(29);
    }

    @Test
    void createsAnswer201AndWithdrawingTrustAnswers204() {
        JsonNode paths = document().path("paths");
        for (String created : new String[] {"/api/v1/communities", "/api/v1/communities/{communityId}/keys"}) {
            JsonNode responses = paths.path(created).path("post").path("responses");
            assertThat(responses.has("201")).as("POST %s answers 201", created).isTrue();
            assertThat(responses.has("200")).as("POST %s does not answer 200", created).isFalse();
        }
        // Idempotent by the client's id: 201 the first time, 200 with what is stored on a retry.
        for (String retried : new String[] {"/api/v1/communities/{communityId}/members",
                "/api/v1/communities/{communityId}/contributions"}) {
            JsonNode responses = paths.path(retried).path("post").path("responses");
            assertThat(responses.has("201")).as("POST %s answers 201", retried).isTrue();
            assertThat(responses.has("200")).as("POST %s answers 200 to a retry", retried).isTrue();
        }
        JsonNode withdraw = paths.path("/api/v1/communities/{communityId}/trust/{truster}/{trustee}").path("delete");
        assertThat(withdraw.path("responses").has("204")).isTrue();
        assertThat(withdraw.path("responses").has("200")).isFalse();
    }

    @Test
    void eachBatchEndpointDescribesItsOwnBody() {
        JsonNode paths = document().path("paths");
        Map<String, String> itemsField = Map.of(
                "/api/v1/communities/{communityId}/contributions/batch", "contributions",
                "/api/v1/communities/{communityId}/members/batch", "members",
                "/api/v1/communities/{communityId}/trust/batch", "declarations");
        Set<String> schemas = new HashSet<>();
        itemsField.forEach((path, field) -> {
            String ref = paths.path(path).at("/post/requestBody/content/application~1json/schema/$ref").asText();
            JsonNode schema = document().at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
            assertThat(schema.path("properties").has(field)).as("%s body has '%s': %s", path, field, schema).isTrue();
            assertThat(schema.path("required").toString()).as("%s requires '%s'", path, field).contains(field);
            schemas.add(ref);
        });
        assertThat(schemas).hasSize(3);
    }

    @Test
    void requiredFieldsAndRangesAreStated() {
        JsonNode schemas = document().at("/components/schemas");
        JsonNode contribution = schemas.path("Contribution");
        assertThat(contribution.path("required").toString()).contains("\"id\"", "\"giver\"", "\"receiver\"",
                "\"category\"", "\"value\"", "\"occurredAt\"", "\"recordedBy\"");
        assertThat(contribution.at("/properties/value/minimum").asInt()).isZero();
        assertThat(contribution.at("/properties/value/exclusiveMinimum").asBoolean()).isTrue();
        assertThat(contribution.at("/properties/occurredAt/format").asText()).isEqualTo("date-time");
        assertThat(contribution.at("/properties/value/example").isMissingNode()).isFalse();
        for (String trust : new String[] {"TrustDeclaration", "TrustBatchItem"}) {
            assertThat(schemas.at("/" + trust + "/properties/level/minimum").asInt()).as(trust).isEqualTo(-10);
            assertThat(schemas.at("/" + trust + "/properties/level/maximum").asInt()).as(trust).isEqualTo(10);
            assertThat(schemas.at("/" + trust + "/required").toString()).as(trust).contains("\"level\"");
        }
        assertThat(schemas.at("/Problem/required").toString()).contains("\"type\"", "\"title\"", "\"status\"");
    }

    /**
     * A listed type is real when it names a rule of the domain (as ProblemHandler maps it) or when the
     * ledger's own code writes it.
     */
    @Test
    void everyListedProblemTypeIsOneTheLedgerAnswers() throws IOException {
        Set<String> ruleTypes = new HashSet<>();
        for (JavaClass type : new ClassFileImporter()
                .importPackages("org.contributionledger.core", "org.contributionledger.query")) {
            if (type.isAssignableTo(LedgerRuleViolation.class) && !type.getModifiers().contains(
                    com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)) {
                @SuppressWarnings("unchecked")
                Class<? extends LedgerRuleViolation> rule = (Class<? extends LedgerRuleViolation>) type.reflect();
                assertThat(ProblemHandler.statusOf(rule)).as("%s is mapped", rule.getSimpleName()).isNotNull();
                ruleTypes.add(ProblemHandler.typeOf(rule));
            }
        }
        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.append(Files.readString(file));
            }
        }
        Set<String> listed = new HashSet<>();
        operations().forEach(operation -> operation.getValue().path("responses").forEach(response ->
                response.path("x-problem-types").forEach(type -> listed.add(type.asText()))));
        assertThat(listed).isNotEmpty();
        for (String uri : listed) {
            assertThat(uri).startsWith(Problems.TYPE_BASE);
            String type = uri.substring(Problems.TYPE_BASE.length());
            assertThat(ruleTypes.contains(type) || sources.indexOf("\"" + type + "\"") >= 0)
                    .as("problem type %s is a rule or written by the ledger's code", type).isTrue();
        }
    }
}
