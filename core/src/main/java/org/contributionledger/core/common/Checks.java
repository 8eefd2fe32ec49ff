package org.contributionledger.core.common;

import java.math.BigDecimal;
import java.time.Instant;

/** Shape checks for compact constructors: they run when events are read back, so they check shape, never business rules. */
public final class Checks {

    private Checks() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** Returns the text trimmed, or null when it is absent or blank, and refuses text longer than {@code maxLength}. */
    public static String optionalText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
        return trimmed;
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
            throw new IllegalArgumentException(field + " must be between " + EARLIEST + " and " + LATEST);
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
            throw new IllegalArgumentException(field + " must have at most 24 integer digits and 24 decimals");
        }
        return value;
    }

    public static String requiredText(String value, String field, int maxLength) {
        String text = optionalText(value, field, maxLength);
        if (text == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return text;
    }
}
