package org.contributionledger.query.audit;

import java.time.Instant;

/**
 * Which of a community's events an export holds. Every field but the community may be null (no
 * filter on it).
 *
 * @param member       events whose payload names this member as giver, receiver, truster, trustee, memberId
 *                     or mergedMemberId
 * @param category     events whose payload's {@code category} (or a correction's {@code previousCategory}) is this one
 * @param from         events stored at or after this instant (the event's timestamp)
 * @param to           events stored before this instant
 * @param fromPosition events at this position (global index) or after
 * @param toPosition   events at this position or before
 */
public record EventExportFilter(String communityId, String member, String category, Instant from, Instant to,
                                Long fromPosition, Long toPosition) {
}
