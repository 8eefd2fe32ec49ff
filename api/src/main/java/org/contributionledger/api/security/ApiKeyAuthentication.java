package org.contributionledger.api.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A bearer key: before the check, the key as sent (never logged, never stored); after it, the
 * {@link Caller} it stands for, with the role {@code ADMIN} or {@code COMMUNITY}.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final transient Caller caller;
    private String key;

    private ApiKeyAuthentication(String key, Caller caller) {
        super(caller == null ? List.of()
                : List.of(new SimpleGrantedAuthority(caller.isAdmin() ? "ROLE_ADMIN" : "ROLE_COMMUNITY")));
        this.key = key;
        this.caller = caller;
        setAuthenticated(caller != null);
    }

    public static ApiKeyAuthentication unchecked(String key) {
        return new ApiKeyAuthentication(key, null);
    }

    public static ApiKeyAuthentication of(Caller caller) {
        return new ApiKeyAuthentication(null, caller);
    }

    /** The caller once the key is checked; null before. */
    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getCredentials() {
        return key;
    }

    @Override
    public void eraseCredentials() {
        key = null;
        super.eraseCredentials();
    }
}
