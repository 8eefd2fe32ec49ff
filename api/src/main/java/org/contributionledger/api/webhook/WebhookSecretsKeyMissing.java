package org.contributionledger.api.webhook;

/** A secret cannot be stored: the key that encrypts secrets is not configured (see {@link WebhookSecrets}). */
public class WebhookSecretsKeyMissing extends RuntimeException {

    public WebhookSecretsKeyMissing() {
        super("Webhook secrets are stored encrypted under LEDGER_WEBHOOK_SECRETS_KEY, which is not set on this ledger"
                + " (on PostgreSQL it is required; generate one with: openssl rand -base64 32)");
    }
}
