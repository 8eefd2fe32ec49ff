package org.contributionledger.api.security;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.contributionledger.api.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every refusal of the security filter chain as an RFC 9457 problem, and every failed
 * authentication or authorization counted in {@code ledger.auth.failures}, tagged by
 * {@link AuthenticationFailure reason}: 400 for requests the firewall rejects, 401 (with a Bearer
 * challenge) for missing, malformed, unknown or revoked keys, 403 for a key outside its community.
 */
@Component
public class SecurityProblems implements AuthenticationEntryPoint, AuthenticationFailureHandler, AccessDeniedHandler,
        RequestRejectedHandler {

    public static final String FAILURES_METRIC = "ledger.auth.failures";

    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);
    private static final Pattern COMMUNITY_PATH = Pattern.compile("^/api/v1/communities/([^/]+)(/.*)?$");

    private final ObjectMapper json;
    private final Map<AuthenticationFailure, Counter> failures = new EnumMap<>(AuthenticationFailure.class);

    public SecurityProblems(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        // Registered up front, so every reason is visible (at 0) before the first failure.
        for (AuthenticationFailure reason : AuthenticationFailure.values()) {
            failures.put(reason, Counter.builder(FAILURES_METRIC).tag("reason", reason.tag())
                    .description("Requests refused by the API key check").register(meters));
        }
    }

    /** No key at all, where one is needed. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        unauthorized(request, response, AuthenticationFailure.MISSING);
    }

    /** A key was sent and did not authenticate. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException failure) throws IOException {
        AuthenticationFailure reason = failure instanceof KeyRejected rejected ? rejected.reason()
                : AuthenticationFailure.UNKNOWN;
        unauthorized(request, response, reason);
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationFailure reason)
            throws IOException {
        failures.get(reason).increment();
        String detail = reason == AuthenticationFailure.REVOKED
                ? "This key was revoked; use the community's current key"
                : "Send 'Authorization: Bearer <key>' with the admin key or a community key";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        Problems.write(request, response, json,
                Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Missing or unknown API key", detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        failures.get(AuthenticationFailure.FORBIDDEN).increment();
        Caller caller = SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication key
                ? key.getPrincipal() : null;
        Matcher community = COMMUNITY_PATH.matcher(request.getRequestURI());
        String detail = caller != null && !caller.isAdmin() && community.matches()
                && !caller.communityId().equals(community.group(1))
                ? "This key acts only inside community '" + caller.communityId() + "'"
                : "Only the admin key may do this";
        Problems.write(request, response, json,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed with this key", detail));
    }

    /**
     * The firewall's refusals ({@code StrictHttpFirewall}): paths the container or Spring MVC would
     * normalise before matching a controller (';', '//', dot segments, encoded separators), which
     * the key check must not judge differently from the controller, and other malformed requests.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.debug("Request rejected by the firewall: {}", rejected.getMessage());
        boolean path = rejected.getMessage() != null
                && (rejected.getMessage().contains("URL") || rejected.getMessage().contains("normalized"));
        Problems.write(request, response, json, path
                ? Problems.of(HttpStatus.BAD_REQUEST, "ambiguous-path", "Ambiguous path",
                        "Paths may not contain ';', '//', dot segments or encoded separators")
                : Problems.of(HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected",
                        "The request's method, headers or parameters are not accepted"));
    }
}
