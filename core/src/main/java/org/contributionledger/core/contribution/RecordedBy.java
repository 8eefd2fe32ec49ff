package org.contributionledger.core.contribution;

/** Who told the ledger about an act: the one who gave, or the one who received. */
public enum RecordedBy {
    GIVER, RECEIVER
}
