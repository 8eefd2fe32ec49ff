package org.contributionledger.core.common;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.regex.Pattern;

/** Shape checks for compact constructors: they run when events are read back, so they check shape, never business rules. */
public final class Checks {

    /**
     * C0 controls (NUL, TAB, CR, LF, ESC...), DEL and C1 controls. Names and descriptions are shown
     * in pages, terminals and logs, where such characters forge lines, colours and cursor moves; no
     * real name or description needs them. Refused everywhere, line breaks included, so that the one
     * rule is easy to state.
     */
    private static final Pattern CONTROL_CHARACTER = Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F]");

    private Checks() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidField(field, field + " is required");
        }
        return value;
    }

    /**
     * Returns the text trimmed, or null when it is absent or blank; refuses text longer than
     * {@code maxLength} and text holding control characters (checked before trimming, so a trailing
     * line break is refused, not silently dropped). For commands only: stored events are never
     * checked again against rules that did not exist when they were written.
     */
    public static String optionalText(String value, String field, int maxLength) {
        if (value == null) {
            return null;
        }
        if (CONTROL_CHARACTER.matcher(value).find()) {
            throw new InvalidField(field, field + " must not contain control characters (line breaks, tabs, NUL, escapes)");
        }
        if (value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidField(field, field + " must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    /**
     * Like {@link #optionalText}, and when present an absolute {@code http://} or {@code https://}
     * URL with a host: the link is shown to people, so {@code javascript:} or {@code file:} has no place.
     */
    public static String optionalHttpUrl(String value, String field, int maxLength) {
        String text = optionalText(value, field, maxLength);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException notAUri) {
            // Refused below, with the same words as any other non-HTTP URL.
        }
        throw new InvalidField(field, field + " must be an absolute http:// or https:// URL with a host");
    }

    /**
     * The earliest and latest moments the ledger stores. Every database the ledger runs on keeps
     * timestamps between these; an act outside them is a typo, not history.
     */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public static Instant storableInstant(Instant value, String field) {
        required(value, field);
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw new InvalidField(field, field + " must be between " + EARLIEST + " and " + LATEST);
        }
        return value;
    }

    /**
     * Refuses numbers no ledger value could be (more than 24 integer digits or 24 decimals) before
     * anything prints or stores them: an exponent like 1e999999999 is a few bytes of JSON but a
     * gigabyte of digits.
     */
    public static BigDecimal boundedDecimal(BigDecimal value, String field) {
        required(value, field);
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.precision() - stripped.scale() > 24 || stripped.scale() > 24) {
            throw new InvalidField(field, field + " must have at most 24 integer digits and 24 decimals");
        }
        return value;
    }

    public static String requiredText(String value, String field, int maxLength) {
        String text = optionalText(value, field, maxLength);
        if (text == null) {
            throw new InvalidField(field, field + " is required");
        }
        return text;
    }
}
