package org.contributionledger.api.security;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import org.contributionledger.api.ids.RandomUuids;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Names every request, before anything can refuse it: the caller's {@code X-Request-Id} when it is
 * safe to echo and log, a generated one otherwise. The id is echoed in the response, kept with the
 * arrival time for the request's provenance, and put in the logging context ({@link #MDC_REQUEST_ID})
 * for the whole request, so every log line the request causes, a 500's included, carries it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String REQUEST_ID = RequestIdFilter.class.getName() + ".requestId";
    public static final String RECEIVED_AT = RequestIdFilter.class.getName() + ".receivedAt";
    /** Logging context keys, shown by {@code logging.pattern.level} in application.yml. */
    public static final String MDC_REQUEST_ID = "requestId";
    public static final String MDC_KEY_ID = "keyId";

    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    /** A request id the ledger keeps as sent: short, and nothing that could forge a log line. */
    public static boolean isSafe(String requestId) {
        return requestId != null && SAFE_REQUEST_ID.matcher(requestId).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant receivedAt = Instant.now();
        String requestId = Optional.ofNullable(request.getHeader(HEADER))
                .filter(RequestIdFilter::isSafe)
                .orElseGet(() -> RandomUuids.next().toString());
        request.setAttribute(REQUEST_ID, requestId);
        request.setAttribute(RECEIVED_AT, receivedAt);
        response.setHeader(HEADER, requestId);
        MDC.put(MDC_REQUEST_ID, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_REQUEST_ID);
            MDC.remove(MDC_KEY_ID);
        }
    }
}
