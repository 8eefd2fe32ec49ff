package org.contributionledger.query.statement;

import java.math.BigDecimal;
import java.time.Instant;

/** One act as the member sees it: {@code direction} is GIVEN or RECEIVED, {@code counterpart} the other member. */
public record StatementEntry(String contributionId, Direction direction, String counterpart, String giver,
                             String receiver, String category, BigDecimal value, Instant occurredAt,
                             Instant recordedAt, String recordedBy, String status, String statusReason,
                             String description, String evidenceUrl) {

    public enum Direction {
        GIVEN, RECEIVED
    }
}
