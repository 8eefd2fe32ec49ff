package org.contributionledger.api.openapi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.contributionledger.api.replay.ReplayConfiguration;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The parts of the OpenAPI document that every operation shares: what the API is, the bearer key
 * every operation takes, and the RFC 9457 problems every operation can answer. What is particular
 * to one operation (its id, tag, success status, the rules it refuses with) is annotated on its
 * controller method; the schemas of bodies on their records.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiDocument {

    static final String BEARER_KEY = "bearerKey";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    /** Lists, on each problem response, the full {@code type} URIs the operation can answer with that status. */
    public static final String PROBLEM_TYPES = "x-problem-types";

    @Bean
    public OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Contribution Ledger API").version("1")
                        .description("""
                                An event-sourced ledger of acts of giving and receiving inside communities, \
                                with the reciprocity and reputation that follow from them. Every request \
                                carries a bearer key: the admin key, or a community key, which acts only \
                                under /api/v1/communities/{its id}. Every refusal is an RFC 9457 problem \
                                (application/problem+json) whose `type` names the rule; each response lists \
                                the types it can carry under `x-problem-types`."""))
                .servers(List.of(new Server().url("/").description("The ledger serving this document")))
                .components(new Components()
                        .addSecuritySchemes(BEARER_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description(
                                        "The admin key, or a community key (acts only under /api/v1/communities/{its id})"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    /**
     * Security and problem responses on every operation, derived from the handler method; in an
     * offline replay (profile {@code replay}), the refusal of every write as well.
     */
    @Bean
    public GlobalOperationCustomizer sharedResponses(Environment environment) {
        boolean replay = environment.acceptsProfiles(Profiles.of(ReplayConfiguration.PROFILE));
        return (operation, handler) -> {
            // A webhook carries the platform's signature instead of a key: the empty requirement after the
            // key's says none is needed (a key sent along is not looked at).
            operation.setSecurity(handler.hasMethodAnnotation(SignedByPlatform.class)
                    ? List.of(new SecurityRequirement().addList(BEARER_KEY), new SecurityRequirement())
                    : List.of(new SecurityRequirement().addList(BEARER_KEY)));
            ProblemResponses.of(handler, replay).forEach((status, types) ->
                    operation.getResponses().addApiResponse(String.valueOf(status), problemResponse(status, types)));
            return operation;
        };
    }

    /** The schema of the {@code asOf} statement of the reads that answer for a past instant. */
    private static final String AS_OF = "AsOf";

    /** The schemas that some answers hold as null: asOf, and a member's sphere while they have no tie. */
    private static final List<String> NULLABLE_REFERENCES = List.of(AS_OF, "SphereStanding");

    /**
     * Springdoc describes Spring's {@code ProblemDetail} with a {@code properties} map that never
     * appears on the wire (its entries are written as top-level fields): point to {@link #PROBLEM}
     * instead. And a property that is not required is written as null when it has no value.
     */
    @Bean
    public GlobalOpenApiCustomizer exactSchemas() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            schemas.remove("ProblemDetail");
            // Null in every live answer (asOf), or for a member without ties (sphere). OpenAPI 3.0 ignores
            // the siblings of a $ref, so the referenced schema itself says it.
            for (String nullable : NULLABLE_REFERENCES) {
                if (schemas.containsKey(nullable)) {
                    schemas.get(nullable).setNullable(true);
                }
            }
            schemas.forEach((name, schema) -> {
                if (schema.getProperties() == null || PROBLEM.equals(name)) {
                    return;
                }
                Map<String, Schema> properties = schema.getProperties();
                properties.forEach((property, value) -> {
                    if ("#/components/schemas/ProblemDetail".equals(value.get$ref())) {
                        value.set$ref("#/components/schemas/" + PROBLEM);
                    }
                    boolean required = schema.getRequired() != null && schema.getRequired().contains(property);
                    if (!required && value.get$ref() == null) {
                        value.setNullable(true);
                    }
                });
            });
        };
    }

    private static ApiResponse problemResponse(int status, Set<String> types) {
        List<String> uris = types.stream().map(ProblemResponses::uri).toList();
        ApiResponse response = new ApiResponse()
                .description(HttpStatus.valueOf(status).getReasonPhrase() + ": a problem of type "
                        + String.join(", ", types))
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
        response.addExtension(PROBLEM_TYPES, uris);
        return response;
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem: why the ledger refused a request, or one item of a batch")
                .addProperty("type", new StringSchema().format("uri")
                        .description("Names the rule; one of the x-problem-types the response lists")
                        .example("https://contributionledger.org/problems/unknown-member"))
                .addProperty("title", new StringSchema().example("Unknown member"))
                .addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(400))
                        .maximum(BigDecimal.valueOf(599)).example(422))
                .addProperty("detail", new StringSchema().nullable(true)
                        .example("Member 'zed' is not registered in community 'makers'"))
                .addProperty("instance", new StringSchema().nullable(true)
                        .description("The path of the refused request (absent on batch items)")
                        .example("/api/v1/communities/makers/contributions"))
                .addProperty("field", new StringSchema().nullable(true)
                        .description("The request field at fault, when there is one").example("receiver"))
                .addProperty("differingFields", new ArraySchema().items(new StringSchema()).nullable(true)
                        .description("On contribution-id-conflict only: the fields in which the stored act differs")
                        .example(List.of("value", "category")))
                .addProperty("mergedInto", new StringSchema().nullable(true)
                        .description("On member-was-merged only: the member who now acts for the merged one")
                        .example("ada"))
                .addProperty("replayed", new IntegerSchema().format("int64").nullable(true)
                        .description("On reputation-replaying only: events replayed since the start"))
                .addProperty("total", new IntegerSchema().format("int64").nullable(true)
                        .description("On reputation-replaying only: events to replay before reputation answers"))
                .addProperty("requestId", new StringSchema().nullable(true)
                        .description("On 500 only: names the failure in the ledger's logs"))
                .addProperty("retryAfterSeconds", new IntegerSchema().nullable(true)
                        .description("On 429 only: when the key may act again (also in Retry-After)"))
                .required(List.of("type", "title", "status"));
    }
}
