package org.contributionledger.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of checkpoints with the ledger's audit key ({@code LEDGER_AUDIT_HMAC_KEY}). A signed
 * checkpoint proves that this ledger issued it: someone who rewrote the history and its chain
 * cannot forge the signature of a new digest without the key. The signed message is
 * {@code ledger-checkpoint:v1:<position>:<digest>} in ASCII, so that
 * {@code printf 'ledger-checkpoint:v1:%s:%s' $position $digest | openssl dgst -sha256 -hmac "$KEY"}
 * checks it without the ledger.
 */
public final class CheckpointSignature {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    /** @param key the audit key; null or blank: checkpoints are not signed */
    public CheckpointSignature(String key) {
        this.key = key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    public boolean configured() {
        return key != null;
    }

    /** The checkpoint's signature in lowercase hex, or null when no key is configured. */
    public String sign(long position, String digest) {
        if (key == null) {
            return null;
        }
        return HexFormat.of().formatHex(mac(message(position, digest)));
    }

    /** Whether {@code hmac} (hex, any case) is this ledger's signature of the checkpoint; compared in constant time. */
    public boolean verifies(long position, String digest, String hmac) {
        if (key == null) {
            throw new AuditKeyNotConfigured();
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hmac.toLowerCase());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(mac(message(position, digest.toLowerCase())), given);
    }

    static String message(long position, String digest) {
        return "ledger-checkpoint:v1:" + position + ":" + digest;
    }

    private byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java runtime has " + ALGORITHM, e);
        }
    }
}
