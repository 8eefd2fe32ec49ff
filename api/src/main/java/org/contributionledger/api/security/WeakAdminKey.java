package org.contributionledger.api.security;

/** LEDGER_ADMIN_KEY is too short or too plain to guard the whole ledger; the ledger does not start. */
public class WeakAdminKey extends IllegalStateException {

    public WeakAdminKey() {
        super("LEDGER_ADMIN_KEY is too weak: it needs at least " + AdminKey.MIN_LENGTH + " characters, at least "
                + AdminKey.MIN_DISTINCT_CHARACTERS + " of them different (e.g. the output of 'openssl rand -base64 32'),"
                + " or leave it unset to have one generated");
    }
}
