package org.contributionledger.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each platform's signature over the raw body, as the platform computes it: HMAC-SHA256 in hex,
 * compared in constant time ({@link MessageDigest#isEqual}) so that the time an answer takes does
 * not tell how much of a forged signature was right.
 */
final class Signatures {

    /** Slack's own advice: older requests may be replays of a captured one. */
    static final Duration SLACK_MAX_AGE = Duration.ofMinutes(5);

    private Signatures() {
    }

    /** GitHub's {@code X-Hub-Signature-256} and Discourse's {@code X-Discourse-Event-Signature}: {@code sha256=<hex>} of the body. */
    static boolean bodySignedWith(byte[] secret, byte[] body, String header) {
        return header != null && matches("sha256=" + hex(hmac(secret, body)), header);
    }

    /** Slack's {@code X-Slack-Signature}: {@code v0=<hex>} of {@code v0:<timestamp>:<body>}. */
    static boolean slackSignedWith(byte[] secret, String timestamp, byte[] body, String header) {
        if (header == null || timestamp == null) {
            return false;
        }
        byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return matches("v0=" + hex(hmac(secret, signed)), header);
    }

    /**
     * Why a Slack timestamp is refused, or null when it is within {@link #SLACK_MAX_AGE} of
     * {@code now} (either way: a clock ahead is no better than a replay).
     */
    static String slackTimestampProblem(String timestamp, Instant now) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.strip());
        } catch (NumberFormatException e) {
            return "X-Slack-Request-Timestamp is missing or not a number of seconds";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > SLACK_MAX_AGE.toSeconds()) {
            return "X-Slack-Request-Timestamp is more than 5 minutes from the ledger's clock (a replayed or delayed request)";
        }
        return null;
    }

    static byte[] hmac(byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Hex digits may come in either case; the comparison itself takes the same time wherever they differ. */
    private static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
