package org.contributionledger.query.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The opaque cursors of every listing: the sort key of the last item of a page, base64url-encoded.
 * A listing resumes strictly after that key, so a page never repeats or skips an item when new
 * items arrive between pages, which offset paging cannot promise. The parts are ids and ISO-8601
 * instants, none of which can contain the separator.
 */
public final class Keyset {

    /** Page size when a request names none, and the largest page any listing serves. */
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private static final String SEPARATOR = "|";

    private Keyset() {
    }

    public static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new LimitOutOfRange(limit, max);
        }
    }

    public static String encode(String... parts) {
        String raw = String.join(SEPARATOR, parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A page out of the rows a query read with {@code LIMIT limit + 1}: the extra row only tells that
     * there is more, and the cursor names the last row served.
     */
    public static <T> Page<T> page(List<T> rows, int limit, Function<T, String> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
    }

    public record Page<T>(List<T> items, String nextCursor) {
    }

    /** The parts of a cursor, which must be {@code count} non-empty strings; anything else is an {@link InvalidCursor}. */
    public static List<String> decode(String cursor, int count) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(raw.split("\\|", -1));
            if (parts.size() != count || parts.stream().anyMatch(String::isEmpty)) {
                throw new InvalidCursor(cursor);
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw new InvalidCursor(cursor);
        }
    }
}
