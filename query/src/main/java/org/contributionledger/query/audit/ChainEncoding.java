package org.contributionledger.query.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain's encoding, version 1, byte for byte as docs/audit.md describes it (an auditor
 * recomputes it with any SHA-256 tool). Changing anything here breaks every chain already stored:
 * a new encoding needs a new version byte, never an edit of this one.
 */
public final class ChainEncoding {

    /** The first byte of every event's canonical bytes. */
    public static final byte VERSION = 1;

    /** h_0: the digest "before" the first event. */
    public static final byte[] START = new byte[32];

    /** Written as a field's length when the field is null (no bytes follow), so null differs from empty. */
    private static final int NULL_LENGTH = 0xFFFFFFFF;

    private ChainEncoding() {
    }

    /**
     * The canonical bytes of one event: the version byte, then eight fields, each a 4-byte
     * big-endian length followed by that many bytes (strings in UTF-8; the sequence number as 8
     * bytes, big-endian two's complement).
     */
    public static byte[] canonical(StoredEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(event.payload()) + length(event.metaData()));
        out.write(VERSION);
        field(out, utf8(event.eventIdentifier()));
        field(out, utf8(event.payloadType()));
        field(out, utf8(event.payloadRevision()));
        field(out, utf8(event.aggregateIdentifier()));
        field(out, ByteBuffer.allocate(Long.BYTES).putLong(event.sequenceNumber()).array());
        field(out, utf8(event.timeStamp()));
        field(out, event.payload());
        field(out, event.metaData());
        return out.toByteArray();
    }

    /** h_n = SHA-256(h_{n-1} || canonical bytes of event n). */
    public static byte[] next(byte[] previous, StoredEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(canonical(event));
        return sha256.digest();
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static byte[] fromHex(String digest) {
        return HexFormat.of().parseHex(digest);
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? NULL_LENGTH : bytes.length).array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
