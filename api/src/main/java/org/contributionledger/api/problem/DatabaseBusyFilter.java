package org.contributionledger.api.problem;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers {@link DatabaseBusy} for the filters before any controller (the key check reads the
 * database too); what fails inside a controller, {@link ProblemHandler} answers. Without it an
 * overloaded pool reached the container as a 500.
 */
public final class DatabaseBusyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBusyFilter.class);

    private final ObjectMapper json;

    public DatabaseBusyFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException failure) {
            if (!DatabaseBusy.causedBy(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn("{} {}: no database connection came free in time; answered 503", request.getMethod(),
                    request.getRequestURI());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseBusy.RETRY_AFTER_SECONDS));
            Problems.write(request, response, json, DatabaseBusy.problem());
        }
    }
}
