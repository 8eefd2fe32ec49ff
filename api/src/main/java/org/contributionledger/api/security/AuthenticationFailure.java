package org.contributionledger.api.security;

import java.util.Locale;

/** Why a request was refused by the key check; the tag of the {@code ledger.auth.failures} counter. */
public enum AuthenticationFailure {
    /** No Authorization header. */
    MISSING,
    /** An Authorization header that is not {@code Bearer <key>}, or a key of impossible length. */
    MALFORMED,
    /** A well-formed key that was never issued. */
    UNKNOWN,
    /** A key that was issued, then revoked. */
    REVOKED,
    /** A valid key asking for something it may not do (403). */
    FORBIDDEN;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
