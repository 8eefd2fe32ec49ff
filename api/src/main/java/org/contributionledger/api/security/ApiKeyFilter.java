package org.contributionledger.api.security;

import java.io.IOException;
import java.time.Instant;
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
 * {@code /api/v1/communities/{id}}, and may not create communities.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {

    public static final String CALLER = ApiKeyFilter.class.getName() + ".caller";
    public static final String PROVENANCE = ApiKeyFilter.class.getName() + ".provenance";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final Pattern COMMUNITY_PATH = Pattern.compile("^/api/v1/communities/([^/]+)(/.*)?$");
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

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant receivedAt = Instant.now();
        String requestId = Optional.ofNullable(request.getHeader(REQUEST_ID_HEADER))
                .filter(id -> SAFE_REQUEST_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        response.setHeader(REQUEST_ID_HEADER, requestId);

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
        Matcher matcher = COMMUNITY_PATH.matcher(request.getRequestURI());
        if (matcher.matches()) {
            return caller.mayActIn(matcher.group(1)) ? null
                    : "This key acts only inside community '" + caller.communityId() + "'";
        }
        return "Only the admin key may do this";
    }
}
