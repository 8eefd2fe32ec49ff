package org.contributionledger.api.landing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The front door: what someone who opens the ledger's address finds, with or without a key. A page
 * for browsers, links for programs ({@code Accept: application/json}). It says where the dashboard
 * and the documentation are, and nothing about any community.
 */
@RestController
@Tag(name = "landing", description = "Where to start: the dashboard, the API documentation, Swagger UI and health")
public class LandingController {

    /** The page is a static file so that it can grow without touching this class. */
    private static final String PAGE = read("landing/index.html");

    @GetMapping(value = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "landing", summary = "Links to the dashboard, the API documentation, Swagger UI, health and the walkthrough",
            description = "No key needed. Browsers (Accept: text/html) get the same links as a small HTML page.")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Where to start",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Landing.class)),
                    @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"))})
    public Landing links() {
        return Landing.LINKS;
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(operationId = "landing", summary = "Links to the dashboard, the API documentation, Swagger UI, health and the walkthrough",
            description = "No key needed. Browsers (Accept: text/html) get the same links as a small HTML page.")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Where to start",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Landing.class)),
                    @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"))})
    public String page() {
        return PAGE;
    }

    private static String read(String resource) {
        try (InputStream page = LandingController.class.getClassLoader().getResourceAsStream(resource)) {
            if (page == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return new String(page.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param dashboard   the dashboard: sign in with a community's key, see its network, members and spheres
     * @param apiDocs     the OpenAPI document
     * @param swaggerUi   the API to read and try in a browser
     * @param health      whether the ledger is up
     * @param walkthrough where, in the repository, the README walks through a community, two members, an
     *                    act, trust and reputation with curl
     */
    public record Landing(String name, String dashboard, String apiDocs, String swaggerUi, String health,
                          String walkthrough) {

        static final Landing LINKS = new Landing("Contribution Ledger", "/dashboard/", "/v3/api-docs",
                "/swagger-ui.html", "/actuator/health", "README.md#walkthrough");
    }
}
