package org.contributionledger.query.erasure;

import java.util.Arrays;
import java.util.Base64;

/**
 * One member's AES-256 data key. {@code keyId} is what an encrypted field names, so that reading
 * it needs neither the member nor the event.
 */
public record DataKey(String keyId, String communityId, String memberId, byte[] key) {

    public static final int KEY_BYTES = 32;

    public DataKey {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("A data key has " + KEY_BYTES + " bytes");
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    public String keyBase64() {
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataKey that && keyId.equals(that.keyId) && communityId.equals(that.communityId)
                && memberId.equals(that.memberId) && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    /** Never the key itself: a key in a log line would defeat erasure. */
    @Override
    public String toString() {
        return "DataKey[" + keyId + " of " + memberId + " in " + communityId + "]";
    }
}
