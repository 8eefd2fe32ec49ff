package org.contributionledger.core.common;

import java.util.regex.Pattern;

/**
 * Identifier rules shared by every message. Identifiers are chosen by the platforms that post to
 * the ledger, so they are strings; the pattern keeps them safe in URL paths and lets aggregate
 * identifiers be composed with '/' without ambiguity.
 */
public final class Ids {

    /** Letters, digits and {@code . _ : @ + -}, starting with a letter or digit, at most 128 characters. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+\\-]{0,127}");

    private Ids() {
    }

    /** Checks an identifier's shape and returns it, so compact constructors can use it inline. */
    public static String require(String value, String field) {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw new InvalidField(field, field + " must match " + PATTERN.pattern() + " but was " + quoted(value));
        }
        return value;
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    /**
     * Aggregate identifiers must be unique across the whole event store, whatever the aggregate
     * type, so each one is prefixed with its kind and scoped by its community.
     */
    public static String aggregateId(String kind, String... parts) {
        return kind + "/" + String.join("/", parts);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
