package org.contributionledger.core.contribution;

/**
 * Who told the ledger about an act: the one who gave, the one who received, or the community
 * platform where it happened ({@code PLATFORM}: a signed webhook delivery, which attests the act for
 * both sides, so it is confirmed on arrival and only the platform takes it back).
 */
public enum RecordedBy {
    GIVER, RECEIVER, PLATFORM
}
