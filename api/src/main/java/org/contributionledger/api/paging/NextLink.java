package org.contributionledger.api.paging;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Builds the {@code next} link of a paged answer: the request's own path with the filters and
 * limit the page was read with, and the cursor. Root-relative, so it stays right behind a proxy
 * that rewrites the host. Built from the parsed parameters rather than echoed from the query
 * string, so that the link names exactly the filters that were applied.
 */
public final class NextLink {

    private final String path;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private NextLink(String path) {
        this.path = path;
    }

    /** The path as the client sent it (still percent-encoded), without the query string. */
    public static NextLink from(HttpServletRequest request) {
        return new NextLink(request.getRequestURI());
    }

    /** Adds a parameter to carry over; a null value (a filter not given) is left out. */
    public NextLink with(String name, Object value) {
        if (value != null) {
            parameters.put(name, value);
        }
        return this;
    }

    /** The link to the page after {@code cursor}, or null when there is no next page. */
    public String to(String cursor) {
        if (cursor == null) {
            return null;
        }
        StringJoiner query = new StringJoiner("&", path + "?", "");
        parameters.forEach((name, value) -> query.add(name + "=" + encode(String.valueOf(value))));
        return query.add("cursor=" + encode(cursor)).toString();
    }

    // Form encoding: '+' in an id becomes %2B, which the server reads back as '+', not as a space.
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
