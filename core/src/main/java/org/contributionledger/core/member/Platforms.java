package org.contributionledger.core.member;

import java.util.List;

import org.contributionledger.core.common.InvalidField;

/**
 * The community platforms whose users a member can be linked to. Named as the webhook paths spell
 * them, so a platform user's identity reads the same in every request and every event.
 */
public final class Platforms {

    public static final List<String> SUPPORTED = List.of("github", "discourse", "slack");

    private Platforms() {
    }

    /** Checks that {@code platform} is one the ledger knows and returns it, so compact constructors can use it inline. */
    public static String require(String platform, String field) {
        if (platform == null || !SUPPORTED.contains(platform)) {
            throw new InvalidField(field, field + " must be one of " + SUPPORTED + " but was "
                    + (platform == null ? "null" : "'" + platform + "'"));
        }
        return platform;
    }
}
