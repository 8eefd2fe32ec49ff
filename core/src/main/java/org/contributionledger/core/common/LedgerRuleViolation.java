package org.contributionledger.core.common;

/**
 * Base of every refused command. Each rule has its own subclass, named after the rule, so that a
 * caller (and the HTTP layer, which maps each class once to a status) can tell rules apart.
 */
public abstract class LedgerRuleViolation extends RuntimeException {

    protected LedgerRuleViolation(String message) {
        super(message);
    }

    /** A stable, machine-readable name of the rule, used as the problem type's last path segment. */
    public String rule() {
        return getClass().getSimpleName();
    }
}
