package org.contributionledger.core.contribution;

/** What a correction request did: proposed (waiting for the other side), in force, or rejected. */
public enum CorrectionOutcome {
    PROPOSED, CORRECTED, REJECTED
}
