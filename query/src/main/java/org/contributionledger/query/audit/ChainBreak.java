package org.contributionledger.query.audit;

/**
 * Where the stored history first differs from its chain, and how.
 *
 * @param position  the position (global index) of the first difference
 * @param kind      {@code edited}: the event chained there is stored with other bytes (or another
 *                  event id that is chained nowhere); {@code missing}: the event chained there is
 *                  gone; {@code reordered}: the event stored there was chained at another position
 *                  ({@code chainedAt}); {@code unchained}: an event stored there, below the chain's
 *                  head, was never chained (inserted into the past)
 * @param eventId   the event id chained at that position, or for {@code unchained}, the one stored there
 * @param chainedAt for {@code reordered}, where the event stored at {@code position} was chained; else null
 */
public record ChainBreak(long position, Kind kind, String eventId, Long chainedAt, String detail) {

    public enum Kind { edited, missing, reordered, unchained }
}
