package org.contributionledger.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.contributionledger.api.config.LedgerProperties;
import org.contributionledger.api.support.LedgerApiTest;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

    private static final String H2 = "jdbc:h2:dsync:./data/ledger";
    private static final String POSTGRES = "jdbc:postgresql://db:5432/ledger";

    private static LedgerProperties dataDir(Path dir) {
        return new LedgerProperties(dir == null ? null : dir.toString(), null, 0, null, null, null);
    }

    @Test
    void aSecretDecryptsOnlyWithItsKeyAndForItsRow() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        WebhookSecrets secrets = new WebhookSecrets(key, dataDir(null), POSTGRES);
        String sealed = secrets.encrypt("a-webhook-secret", "makers/github");

        assertThat(sealed).doesNotContain("a-webhook-secret");
        assertThat(secrets.encrypt("a-webhook-secret", "makers/github")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(secrets.decrypt(sealed, "makers/github")).hasValueSatisfying(
                secret -> assertThat(new String(secret, StandardCharsets.UTF_8)).isEqualTo("a-webhook-secret"));
        assertThat(secrets.decrypt(sealed, "bakers/github")).as("copied to another community's row").isEmpty();
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(new WebhookSecrets(Base64.getEncoder().encodeToString(otherKey), dataDir(null), POSTGRES)
                .decrypt(sealed, "makers/github")).as("under another key").isEmpty();
    }

    @Test
    void onH2WithoutTheVariableAKeyIsGeneratedOnceInTheDataFolder() throws Exception {
        Path dir = LedgerApiTest.newDataDir("webhook-secrets");
        WebhookSecrets first = new WebhookSecrets("", dataDir(dir), H2);
        String sealed = first.encrypt("a-webhook-secret", "makers/slack");
        Path file = dir.resolve(WebhookSecrets.KEY_FILE);
        assertThat(file).exists();
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);

        WebhookSecrets afterARestart = new WebhookSecrets("", dataDir(dir), H2);
        assertThat(afterARestart.decrypt(sealed, "makers/slack")).isPresent();
    }

    @Test
    void onPostgresWithoutTheVariableSecretsCannotBeSetButTheLedgerStarts() {
        Path dir = LedgerApiTest.newDataDir("webhook-secrets");
        WebhookSecrets secrets = new WebhookSecrets("", dataDir(dir), POSTGRES);
        assertThat(secrets.available()).isFalse();
        assertThat(dir.resolve(WebhookSecrets.KEY_FILE)).as("no key of its own on a shared database").doesNotExist();
        assertThatThrownBy(() -> secrets.encrypt("a-webhook-secret", "makers/github"))
                .isInstanceOf(WebhookSecretsKeyMissing.class);
        assertThat(secrets.decrypt("anything", "makers/github")).isEmpty();
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64IsRefusedAtStart() {
        assertThatThrownBy(() -> new WebhookSecrets("too-short", dataDir(null), POSTGRES))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("openssl rand -base64 32");
    }
}
