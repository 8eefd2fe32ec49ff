package org.contributionledger.api.security;

import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Tells the OpenAPI document (and Swagger UI's "Authorize") that every operation takes a bearer key. */
@Configuration
@OpenAPIDefinition(security = @SecurityRequirement(name = OpenApiSecurity.BEARER_KEY))
@SecurityScheme(name = OpenApiSecurity.BEARER_KEY, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The admin key, or a community key (acts only under /api/v1/communities/{its id})")
public class OpenApiSecurity {

    static final String BEARER_KEY = "bearerKey";
}
