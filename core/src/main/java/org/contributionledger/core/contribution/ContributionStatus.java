package org.contributionledger.core.contribution;

/**
 * Life of an act. {@code PENDING} and {@code DISPUTED} wait for someone; {@code CONFIRMED} and
 * {@code REVOKED} are final: nothing moves an act out of them.
 */
public enum ContributionStatus {
    PENDING, DISPUTED, CONFIRMED, REVOKED;

    public boolean isFinal() {
        return this == CONFIRMED || this == REVOKED;
    }
}
