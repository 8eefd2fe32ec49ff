package org.contributionledger.api.security;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.Provenance;
import org.contributionledger.api.config.LedgerProperties;
import org.contributionledger.api.problem.Problems;
import org.contributionledger.query.directory.ApiKeyOwner;
import org.contributionledger.query.directory.FindApiKeyOwner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards {@code /api/**}: stamps the request's provenance, refuses oversized bodies, and checks
 * the bearer key. The admin key may act everywhere; a community key only under its own
 * {@code /api/v1/communities/{id}}, and may neither create communities nor change their settings.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {

    public static final String CALLER = ApiKeyFilter.class.getName() + ".caller";
    public static final String PROVENANCE = ApiKeyFilter.class.getName() + ".provenance";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final Pattern COMMUNITY_PATH = Pattern.compile("^/api/v1/communities/([^/]+)(/.*)?$");
    /**
     * A community's settings are the rules its own key acts under (largest value, confirmation,
     * reputation weights): only the admin, who created them, may change them.
     */
    private static final Pattern SETTINGS_PATH = Pattern.compile("^/api/v1/communities/[^/]+/settings/?$");
    /** Paths anyone may read: health probes and the API's own documentation. */
    private static final List<String> PUBLIC_PREFIXES = List.of("/actuator/health", "/v3/api-docs", "/swagger-ui");
    /**
     * Forms the servlet container or Spring MVC would normalise before matching a controller
     * (matrix parameters, empty or dot segments, encoded separators). The key check must judge the
     * path the controller sees, so such paths are refused outright rather than interpreted twice.
     */
    private static final Pattern AMBIGUOUS_PATH = Pattern.compile(";|//|/\\.|%2[fF]|%5[cC]|%2[eE]|\\\\");
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private final AdminKey adminKey;
    private final QueryGateway queries;
    private final ObjectMapper json;
    private final long maxRequestBytes;

    public ApiKeyFilter(AdminKey adminKey, QueryGateway queries, ObjectMapper json, LedgerProperties properties) {
        this.adminKey = adminKey;
        this.queries = queries;
        this.json = json;
        this.maxRequestBytes = properties.maxRequestBytes();
    }

    /** Everything is guarded except an explicit allowlist, so an unusual spelling of a path cannot slip past. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !AMBIGUOUS_PATH.matcher(uri).find() && PUBLIC_PREFIXES.stream().anyMatch(uri::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant receivedAt = Instant.now();
        String requestId = Optional.ofNullable(request.getHeader(REQUEST_ID_HEADER))
                .filter(id -> SAFE_REQUEST_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        response.setHeader(REQUEST_ID_HEADER, requestId);

        if (AMBIGUOUS_PATH.matcher(request.getRequestURI()).find()) {
            Problems.write(request, response, json, Problems.of(HttpStatus.BAD_REQUEST, "ambiguous-path",
                    "Ambiguous path", "Paths may not contain ';', '//', dot segments or encoded separators"));
            return;
        }

        if (request.getContentLengthLong() > maxRequestBytes) {
            Problems.write(request, response, json, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                    "Request body too large", "Request bodies are limited to " + maxRequestBytes + " bytes"));
            return;
        }

        Optional<Caller> caller = authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (caller.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            Problems.write(request, response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Missing or unknown API key", "Send 'Authorization: Bearer <key>' with the admin key or a community key"));
            return;
        }
        String refusal = refusal(caller.get(), request);
        if (refusal != null) {
            Problems.write(request, response, json,
                    Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed with this key", refusal));
            return;
        }
        request.setAttribute(CALLER, caller.get());
        request.setAttribute(PROVENANCE, new Provenance(caller.get().keyId(), requestId, receivedAt));
        chain.doFilter(new LimitedBodyRequest(request, maxRequestBytes), response);
    }

    private Optional<Caller> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String key = authorization.substring(7).strip();
        if (key.isEmpty() || key.length() > 256) {
            return Optional.empty();
        }
        String digest = Keys.sha256(key);
        if (adminKey.matches(digest)) {
            return Optional.of(Caller.admin());
        }
        return queries.query(new FindApiKeyOwner(digest), ResponseTypes.optionalInstanceOf(ApiKeyOwner.class))
                .join()
                .map(owner -> new Caller(owner.apiKeyId(), owner.communityId()));
    }

    /** Why this caller may not make this request, or null when it may. */
    private static String refusal(Caller caller, HttpServletRequest request) {
        if (caller.isAdmin()) {
            return null;
        }
        if (SETTINGS_PATH.matcher(request.getRequestURI()).matches()) {
            return "Only the admin key may change a community's settings";
        }
        Matcher matcher = COMMUNITY_PATH.matcher(request.getRequestURI());
        if (matcher.matches()) {
            return caller.mayActIn(matcher.group(1)) ? null
                    : "This key acts only inside community '" + caller.communityId() + "'";
        }
        return "Only the admin key may do this";
    }
}
