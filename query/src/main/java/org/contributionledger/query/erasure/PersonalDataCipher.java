package org.contributionledger.query.erasure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stored form of a personal field: {@code enc:v1:<keyId>:<base64(iv | ciphertext | tag)>},
 * AES-256-GCM with a random 96-bit IV and a 128-bit tag, the text "enc:v1:&lt;keyId&gt;" as
 * associated data (so a field cannot be relabelled with another key id unnoticed). Encrypting the
 * same text twice gives different stored forms; the hash chain covers whichever was stored.
 */
public final class PersonalDataCipher {

    public static final String PREFIX = "enc:v1:";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PersonalDataCipher() {
    }

    public static String encrypt(DataKey key, String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        String label = PREFIX + key.keyId();
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv, label);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
            return label + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Whether a stored value is an encrypted field (rather than plaintext stored before encryption). */
    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The key id an encrypted field names; the text must be {@linkplain #isEncrypted encrypted}. */
    public static String keyIdOf(String stored) {
        int end = stored.indexOf(':', PREFIX.length());
        if (end < 0) {
            throw new PersonalDataUnreadable("an encrypted field without its key id");
        }
        return stored.substring(PREFIX.length(), end);
    }

    /**
     * The plaintext of an encrypted field.
     *
     * @throws PersonalDataUnreadable when the stored form was altered (the GCM tag does not match),
     *                                or is malformed, or was sealed under another key
     */
    public static String decrypt(DataKey key, String stored) {
        String keyId = keyIdOf(stored);
        if (!keyId.equals(key.keyId())) {
            throw new PersonalDataUnreadable("a field of key " + keyId + " offered key " + key.keyId());
        }
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length() + keyId.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new PersonalDataUnreadable("a field of key " + keyId + " is not base64");
        }
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new PersonalDataUnreadable("a field of key " + keyId + " is too short");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, IV_BYTES), PREFIX + keyId);
            byte[] plain = cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new PersonalDataUnreadable("a field of key " + keyId + " fails its integrity check (altered)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** A fresh random data key's bytes. */
    public static byte[] newKeyBytes() {
        byte[] key = new byte[DataKey.KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    private static Cipher cipher(int mode, DataKey key, byte[] iv, String label) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key.key(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(label.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
