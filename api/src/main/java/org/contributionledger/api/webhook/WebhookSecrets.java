package org.contributionledger.api.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.contributionledger.api.config.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts the platforms' signing secrets (AES-256-GCM) under a key that is never in the database,
 * so a copy of the database (a backup, an analyst's dump) does not let anyone sign deliveries.
 * The key is {@code LEDGER_WEBHOOK_SECRETS_KEY} (base64 of 32 bytes) when set; otherwise, on the
 * embedded H2 only, a key generated at first start in the data folder, beside the database. On
 * PostgreSQL the variable is the only source: nodes generating keys of their own could not read
 * each other's secrets. Without a key the ledger starts all the same; setting a secret is then
 * refused ({@link WebhookSecretsKeyMissing}).
 */
@Component
public class WebhookSecrets {

    private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);

    static final String KEY_FILE = "webhook-secrets.key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    public WebhookSecrets(@Value("${ledger.webhooks.secrets-key:}") String configuredKey, LedgerProperties properties,
                          @Value("${spring.datasource.url:}") String databaseUrl) {
        this.key = resolveKey(configuredKey, properties.dataDir(), databaseUrl);
    }

    private static SecretKey resolveKey(String configuredKey, String dataDir, String databaseUrl) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return aes(decodeKey(configuredKey.strip(), "LEDGER_WEBHOOK_SECRETS_KEY"));
        }
        if (dataDir == null || dataDir.isBlank() || !databaseUrl.startsWith("jdbc:h2:")) {
            log.info("No LEDGER_WEBHOOK_SECRETS_KEY: webhook secrets cannot be set until it is");
            return null;
        }
        Path file = Path.of(dataDir, KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] fresh = new byte[KEY_BYTES];
                RANDOM.nextBytes(fresh);
                write(file, Base64.getEncoder().encodeToString(fresh));
                log.info("Generated the key that encrypts webhook secrets in the data folder ({})", KEY_FILE);
            }
            return aes(decodeKey(Files.readString(file).strip(), file.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the webhook secrets key in the data folder", e);
        }
    }

    /** Readable by the ledger's user only, where the file system says who may read. */
    private static void write(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException anotherStartWasFirst) {
            return;
        }
        Files.writeString(file, content);
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must be " + KEY_BYTES + " random bytes in base64,"
                    + " e.g. the output of: openssl rand -base64 32");
        }
        return bytes;
    }

    private static SecretKey aes(byte[] bytes) {
        return new SecretKeySpec(bytes, "AES");
    }

    public boolean available() {
        return key != null;
    }

    /**
     * The secret encrypted, bound to its community and platform ({@code context}), so a ciphertext
     * copied to another row does not decrypt there: base64 of nonce and ciphertext with its tag.
     */
    public String encrypt(String secret, String context) {
        if (key == null) {
            throw new WebhookSecretsKeyMissing();
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The secret, or empty when there is no key or the key is not the one it was encrypted with. */
    public Optional<byte[]> decrypt(String encrypted, String context) {
        if (key == null || encrypted == null) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getDecoder().decode(encrypted);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            log.error("A webhook secret ({}) does not decrypt with the configured key: was LEDGER_WEBHOOK_SECRETS_KEY"
                    + " changed? Set the secret again", context);
            return Optional.empty();
        }
    }
}
