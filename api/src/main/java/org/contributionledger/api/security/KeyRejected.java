package org.contributionledger.api.security;

import org.springframework.security.core.AuthenticationException;

/** A bearer key that does not authenticate, and why. */
public class KeyRejected extends AuthenticationException {

    private final AuthenticationFailure reason;

    public KeyRejected(AuthenticationFailure reason, String message) {
        super(message);
        this.reason = reason;
    }

    public AuthenticationFailure reason() {
        return reason;
    }
}
