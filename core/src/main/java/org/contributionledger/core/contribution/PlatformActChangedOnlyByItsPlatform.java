package org.contributionledger.core.contribution;

import org.contributionledger.core.common.LedgerRuleViolation;

/**
 * A member tried to revoke or correct an act a platform recorded: the platform attested it, so only
 * the platform's own delivery (a reaction removed, a solution un-accepted) takes it back, and the
 * administrator may reverse it.
 */
public class PlatformActChangedOnlyByItsPlatform extends LedgerRuleViolation {

    public PlatformActChangedOnlyByItsPlatform(String contributionId, String by) {
        super("Contribution '" + contributionId + "' was recorded by its platform; '" + by
                + "' cannot revoke or correct it (the platform withdraws it, or the administrator reverses it)");
    }
}
