package org.contributionledger.query.audit;

/**
 * A checkpoint's HMAC was given to be checked, but the ledger has no audit key
 * ({@code LEDGER_AUDIT_HMAC_KEY}) to check it with: answering "invalid" would be as wrong as "valid".
 */
public class AuditKeyNotConfigured extends RuntimeException {

    public AuditKeyNotConfigured() {
        super("The checkpoint carries an hmac, but this ledger has no audit key (LEDGER_AUDIT_HMAC_KEY) to check it"
                + " with; start it with the key that signed the checkpoint, or leave hmac out to check the digest only");
    }
}
