package org.contributionledger.api.security;

import java.io.IOException;

import org.contributionledger.api.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a body announced larger than the limit (413) before any key is checked, and caps bodies
 * without a trustworthy Content-Length while they are read ({@link LimitedBodyRequest}).
 * Part of the security filter chain, not a servlet filter of its own.
 */
final class BodySizeFilter extends OncePerRequestFilter {

    private final ObjectMapper json;
    private final long maxRequestBytes;

    BodySizeFilter(ObjectMapper json, long maxRequestBytes) {
        this.json = json;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxRequestBytes) {
            Problems.write(request, response, json, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                    "Request body too large", "Request bodies are limited to " + maxRequestBytes + " bytes"));
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request, maxRequestBytes), response);
    }
}
