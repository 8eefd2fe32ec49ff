package org.contributionledger.api.security;

/** Who is calling: the admin, or one community's key. */
public record Caller(String keyId, String communityId) {

    public static final String ADMIN_KEY_ID = "admin";

    public static Caller admin() {
        return new Caller(ADMIN_KEY_ID, null);
    }

    public boolean isAdmin() {
        return communityId == null;
    }

    public boolean mayActIn(String community) {
        return isAdmin() || communityId.equals(community);
    }
}
