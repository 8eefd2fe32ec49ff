package org.contributionledger.api.security;

import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling: the admin, or one community's key. */
public record Caller(String keyId, String communityId) {

    public static final String ADMIN_KEY_ID = "admin";

    public static Caller admin() {
        return new Caller(ADMIN_KEY_ID, null);
    }

    /** The caller of the request being served; only requests that passed key authentication have one. */
    public static Caller current() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication key) {
            return key.getPrincipal();
        }
        throw new IllegalStateException("No caller: the request was not authenticated by an API key");
    }

    public boolean isAdmin() {
        return communityId == null;
    }

    public boolean mayActIn(String community) {
        return isAdmin() || communityId.equals(community);
    }
}
