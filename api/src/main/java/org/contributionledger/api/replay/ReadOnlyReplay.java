package org.contributionledger.api.replay;

import java.io.IOException;
import java.util.Set;

import org.contributionledger.api.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A replay is a copy of a history for reading: every write under {@code /api/v1} is refused with
 * {@code 405 read-only-replay} before anything else looks at it (the key included), so nothing is
 * ever stored. 405 rather than 409: it is not the state of one resource that forbids the write, but
 * this server that offers no method other than reading, whatever the resource; {@code Allow} says which.
 */
public class ReadOnlyReplay extends OncePerRequestFilter {

    static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ObjectMapper json;

    public ReadOnlyReplay(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (READS.contains(request.getMethod()) || !(path.equals("/api/v1") || path.startsWith("/api/v1/"))) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "read-only-replay", "Read-only replay",
                "This ledger is an offline replay of an export: it answers reads only, and stores nothing.");
        response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
        Problems.write(request, response, json, problem);
    }
}
