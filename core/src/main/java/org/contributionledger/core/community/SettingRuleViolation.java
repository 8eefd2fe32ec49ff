package org.contributionledger.core.community;

import org.contributionledger.core.common.LedgerRuleViolation;

/** A community setting outside what the ledger can compute with; {@link #field()} names the setting. */
public abstract class SettingRuleViolation extends LedgerRuleViolation {

    private final String field;

    protected SettingRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The setting's path in the request body, e.g. {@code reputation.trust} or {@code reputation.categories.help}. */
    public String field() {
        return field;
    }
}
