package org.contributionledger.api.webhook;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

import org.contributionledger.api.identity.PlatformIdentity;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.InvalidField;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A delivery's JSON body, read field by field: a field a mapped kind needs and the body lacks is a
 * 400 naming it (the platform sent something that is not what it documents), never a 500.
 */
final class Payload {

    private final JsonNode root;

    Payload(JsonNode root) {
        this.root = root;
    }

    /** Text or a number as text; null when absent, null or of another type. */
    String optionalText(String pointer) {
        JsonNode node = root.at(pointer);
        return node.isTextual() || node.isNumber() ? node.asText() : null;
    }

    String text(String pointer) {
        String text = optionalText(pointer);
        if (text == null || text.isBlank()) {
            throw missing(pointer, "text");
        }
        return text;
    }

    boolean isTrue(String pointer) {
        return root.at(pointer).isBoolean() && root.at(pointer).booleanValue();
    }

    boolean has(String pointer) {
        JsonNode node = root.at(pointer);
        return !node.isMissingNode() && !node.isNull();
    }

    long wholeNumber(String pointer) {
        JsonNode node = root.at(pointer);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw missing(pointer, "a whole number");
        }
        return node.longValue();
    }

    BigDecimal positiveNumber(String pointer) {
        JsonNode node = root.at(pointer);
        if (!node.isNumber() || node.decimalValue().signum() <= 0) {
            throw missing(pointer, "a number above 0");
        }
        return node.decimalValue();
    }

    /** An ISO-8601 date-time with an offset, as GitHub and Discourse write them. */
    Instant instant(String pointer) {
        String text = text(pointer);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidField(field(pointer), "'" + field(pointer) + "' is not an ISO-8601 date-time: " + text);
        }
    }

    /** Slack's seconds since the epoch with a fraction, e.g. {@code "1360782804.083113"}. */
    Instant epochSeconds(String pointer) {
        String text = text(pointer);
        try {
            BigDecimal seconds = new BigDecimal(text);
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            throw new InvalidField(field(pointer), "'" + field(pointer) + "' is not a time in seconds: " + text);
        }
    }

    /** A user object of the payload: its stable id and its login. */
    PlatformIdentity user(Platform platform, String pointer, String idField, String loginField) {
        return new PlatformIdentity(platform.pathName(), bounded(pointer + "/" + idField, 64),
                bounded(pointer + "/" + loginField, 200));
    }

    /** Text of at most {@code maxLength} characters: platforms' ids and logins are short, a longer one is no user. */
    String bounded(String pointer, int maxLength) {
        String text = text(pointer);
        if (text.length() > maxLength) {
            throw new InvalidField(field(pointer), "The delivery's '" + field(pointer) + "' is longer than "
                    + maxLength + " characters");
        }
        return text;
    }

    private static InvalidField missing(String pointer, String expected) {
        return new InvalidField(field(pointer), "The delivery's '" + field(pointer) + "' must be " + expected
                + " for this kind of event");
    }

    /** {@code /pull_request/user/login} as {@code pull_request.user.login}. */
    static String field(String pointer) {
        return pointer.substring(1).replace('/', '.');
    }

    /**
     * An act id named after the platform object, so that its removal finds what its addition recorded
     * and every delivery about it is idempotent. Parts that do not make a valid id (characters ids do
     * not take, e.g. {@code =} in a GitHub node id or any non-ASCII letter, or too long) are replaced by a digest of them all.
     */
    static String actId(String platformAndKind, String... parts) {
        String id = platformAndKind + ":" + String.join(":", parts);
        if (Ids.isValid(id)) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return platformAndKind + ":" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text fit for an act's description: no control characters, at most 2,000 characters. */
    static String describe(String text) {
        String clean = text.replaceAll("[\\x00-\\x1F\\x7F-\\x9F]+", " ").strip();
        return clean.length() <= 2000 ? clean : clean.substring(0, 1999) + "…";
    }

    /** An evidence URL when the payload's is an absolute http(s) URL the ledger accepts; else none. */
    static String evidence(String url) {
        if (url == null || url.length() > 2000 || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(url);
            return uri.getHost() == null ? null : url;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    static Optional<String> nonBlank(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
