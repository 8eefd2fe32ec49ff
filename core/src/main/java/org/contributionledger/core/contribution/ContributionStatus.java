package org.contributionledger.core.contribution;

/**
 * Life of an act. {@code PENDING} and {@code DISPUTED} wait for someone; {@code CONFIRMED},
 * {@code REVOKED} and {@code REVERSED} are final for its two sides: only the community's
 * administrator moves a confirmed act on, to {@code REVERSED}, and nothing moves it back.
 */
public enum ContributionStatus {
    PENDING, DISPUTED, CONFIRMED, REVOKED, REVERSED;

    public boolean isFinal() {
        return this == CONFIRMED || this == REVOKED || this == REVERSED;
    }
}
