package org.contributionledger.api.paging;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import org.contributionledger.core.common.InvalidField;

/** Reads listing filters from query strings, refusing a bad value with a 400 that names the parameter. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** An ISO-8601 instant such as {@code 2026-01-15T10:00:00Z}, or null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidField(name, name + " must be an ISO-8601 instant such as 2026-01-15T10:00:00Z but was '"
                    + value + "'");
        }
    }

    /** One of the constants of {@code type}, in any letter case, or null when absent. */
    public static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidField(name, name + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT)).toList() + " but was '" + value + "'");
        }
    }
}
