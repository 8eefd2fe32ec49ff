package org.contributionledger.api.security;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.contributionledger.api.Provenance;
import org.contributionledger.api.problem.Problems;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * After a key is accepted and allowed: names the key in the logging context, stamps the request's
 * provenance (key, request id, arrival) for the events it will cause, notes the key's use, and
 * spends one token of the key's rate limit (429 with {@code Retry-After} when none is left).
 * Part of the security filter chain, after authorization: a refused request spends no token.
 */
final class KeyUseFilter extends OncePerRequestFilter {

    private final KeyRateLimits rateLimits;
    private final KeyUsage usage;
    private final ObjectMapper json;

    KeyUseFilter(KeyRateLimits rateLimits, KeyUsage usage, ObjectMapper json) {
        this.rateLimits = rateLimits;
        this.usage = usage;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication authentication)
                || authentication.getPrincipal() == null) {
            chain.doFilter(request, response);
            return;
        }
        Caller caller = authentication.getPrincipal();
        MDC.put(RequestIdFilter.MDC_KEY_ID, caller.keyId());
        Instant receivedAt = (Instant) request.getAttribute(RequestIdFilter.RECEIVED_AT);
        String requestId = (String) request.getAttribute(RequestIdFilter.REQUEST_ID);
        usage.used(caller.keyId(), receivedAt);

        Optional<Duration> wait = rateLimits.refusal(caller);
        if (wait.isPresent()) {
            // Whole seconds, rounded up: waiting that long is always enough for one more request.
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                    "This key sent more requests than its rate limit allows; retry after " + seconds + " s");
            problem.setProperty("retryAfterSeconds", seconds);
            Problems.write(request, response, json, problem);
            return;
        }
        request.setAttribute(Provenance.REQUEST_ATTRIBUTE, new Provenance(caller.keyId(), requestId, receivedAt));
        chain.doFilter(request, response);
    }
}
