package org.contributionledger.api.paging;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

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

    /**
     * One of the constants of {@code type}, spelled exactly as {@code spelling} writes it (the
     * spelling the OpenAPI document lists), or null when absent. No other letter case: the document
     * is the contract, so what the ledger accepts is what a client checked against it may send.
     */
    public static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type, Function<E, String> spelling) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> spelling.apply(constant).equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidField(name, name + " must be one of " + Arrays.stream(type.getEnumConstants())
                        .map(spelling).toList() + " but was '" + value + "'"));
    }

    /** The lower-case spelling of a constant, for parameters documented in lower case. */
    public static <E extends Enum<E>> String lowerCase(E constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
