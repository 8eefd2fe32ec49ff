package org.contributionledger.query.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {

    private final DataKey key = new DataKey("k1", "garden", "alice", PersonalDataCipher.newKeyBytes());

    @Test
    void encryptedTextReadsBackWithItsKey() {
        String stored = PersonalDataCipher.encrypt(key, "Alice Liddell, 12 Rue des Fleurs ✿");

        assertThat(stored).startsWith("enc:v1:k1:").doesNotContain("Alice");
        assertThat(PersonalDataCipher.isEncrypted(stored)).isTrue();
        assertThat(PersonalDataCipher.keyIdOf(stored)).isEqualTo("k1");
        assertThat(PersonalDataCipher.decrypt(key, stored)).isEqualTo("Alice Liddell, 12 Rue des Fleurs ✿");
    }

    @Test
    void theSameTextEncryptsDifferentlyEachTime() {
        assertThat(PersonalDataCipher.encrypt(key, "same")).isNotEqualTo(PersonalDataCipher.encrypt(key, "same"));
    }

    @Test
    void plaintextStoredBeforeEncryptionIsNotTakenForCiphertext() {
        assertThat(PersonalDataCipher.isEncrypted("Alice")).isFalse();
        assertThat(PersonalDataCipher.isEncrypted(null)).isFalse();
    }

    @Test
    void anAlteredCiphertextFailsItsTag() {
        String stored = PersonalDataCipher.encrypt(key, "Alice");
        byte[] sealed = Base64.getDecoder().decode(stored.substring("enc:v1:k1:".length()));
        sealed[sealed.length - 20] ^= 1; // one bit of the ciphertext
        String altered = "enc:v1:k1:" + Base64.getEncoder().encodeToString(sealed);

        assertThatThrownBy(() -> PersonalDataCipher.decrypt(key, altered))
                .isInstanceOf(PersonalDataUnreadable.class).hasMessageContaining("integrity");
    }

    @Test
    void anAlteredTagOrIvFails() {
        String stored = PersonalDataCipher.encrypt(key, "Alice");
        byte[] sealed = Base64.getDecoder().decode(stored.substring("enc:v1:k1:".length()));
        byte[] tag = sealed.clone();
        tag[tag.length - 1] ^= 1;
        byte[] iv = sealed.clone();
        iv[0] ^= 1;

        for (byte[] altered : new byte[][] {tag, iv}) {
            assertThatThrownBy(() -> PersonalDataCipher.decrypt(key, "enc:v1:k1:" + Base64.getEncoder().encodeToString(altered)))
                    .isInstanceOf(PersonalDataUnreadable.class);
        }
    }

    @Test
    void anotherKeyCannotOpenIt() {
        String stored = PersonalDataCipher.encrypt(key, "Alice");
        DataKey other = new DataKey("k1", "garden", "bob", PersonalDataCipher.newKeyBytes());
        DataKey relabelled = new DataKey("k2", "garden", "alice", key.key());

        assertThatThrownBy(() -> PersonalDataCipher.decrypt(other, stored)).isInstanceOf(PersonalDataUnreadable.class);
        // The key id is authenticated too: the same key under another label does not open it.
        String moved = stored.replace("enc:v1:k1:", "enc:v1:k2:");
        assertThatThrownBy(() -> PersonalDataCipher.decrypt(relabelled, moved)).isInstanceOf(PersonalDataUnreadable.class);
    }

    @Test
    void malformedValuesAreUnreadableNotAServerCrash() {
        assertThatThrownBy(() -> PersonalDataCipher.decrypt(key, "enc:v1:k1:not base64!"))
                .isInstanceOf(PersonalDataUnreadable.class);
        assertThatThrownBy(() -> PersonalDataCipher.decrypt(key, "enc:v1:k1:AAAA"))
                .isInstanceOf(PersonalDataUnreadable.class);
        assertThatThrownBy(() -> PersonalDataCipher.keyIdOf("enc:v1:nokeyid"))
                .isInstanceOf(PersonalDataUnreadable.class);
    }

    @Test
    void aKeyNeverShowsInText() {
        assertThat(key.toString()).doesNotContain(key.keyBase64());
    }
}
