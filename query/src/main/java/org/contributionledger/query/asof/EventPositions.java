package org.contributionledger.query.asof;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Resolves an as-of instant to an event position. The rule: the position is the highest global
 * index among the stored events whose timestamp is at or before the instant, and the answer is the
 * ledger right after that event (every event up to and including that position, none after).
 * <ul>
 *   <li>An instant later than now is refused ({@link AsOfInFuture}): the answer could still change.</li>
 *   <li>An instant before the community's creation, or before the first stored event, is refused
 *       ({@link AsOfBeforeHistory}): the community did not exist then.</li>
 *   <li>A community that does not exist at all resolves like any other and its reads answer "not
 *       found", as the live reads do.</li>
 * </ul>
 * The timestamp column is text as Axon wrote it (ISO-8601 with 3 to 9 fraction digits), which
 * does not sort as text to the nanosecond ({@code ...00.1Z} sorts after {@code ...00.12Z}), but
 * its first 19 characters (up to the second) do. So the database picks the last position of the
 * earlier seconds, and the events of the instant's own second are parsed and compared here. Both
 * reads scan the event table (it has no index on time): the cost grows with the history, about as
 * much as counting its rows.
 */
@Component
public class EventPositions {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String SECOND_OF = "SUBSTRING(timeStamp FROM 1 FOR 19)";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    @Autowired
    public EventPositions(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    EventPositions(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The position {@code at} resolves to for reads of {@code communityId}. */
    public AsOf resolve(String communityId, Instant at) {
        Instant now = clock.instant();
        if (at.isAfter(now)) {
            throw new AsOfInFuture(at, now);
        }
        Long position = lastPositionAtOrBefore(at);
        List<StoredTime> created = jdbc.query(
                "SELECT globalIndex, timeStamp FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 0",
                (row, i) -> new StoredTime(row.getLong(1), row.getString(2)), "community/" + communityId);
        if (position == null) {
            throw new AsOfBeforeHistory(communityId, at, created.isEmpty() ? null : created.get(0).time());
        }
        if (!created.isEmpty() && created.get(0).position() > position) {
            throw new AsOfBeforeHistory(communityId, at, created.get(0).time());
        }
        return new AsOf(at, position);
    }

    private Long lastPositionAtOrBefore(Instant at) {
        String second = SECOND.format(at.truncatedTo(ChronoUnit.SECONDS));
        Long before = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry WHERE " + SECOND_OF + " < ?",
                Long.class, second);
        Long last = before;
        for (StoredTime event : jdbc.query("SELECT globalIndex, timeStamp FROM DomainEventEntry WHERE " + SECOND_OF + " = ?",
                (row, i) -> new StoredTime(row.getLong(1), row.getString(2)), second)) {
            Instant time = event.time();
            if (time != null && !time.isAfter(at) && (last == null || event.position() > last)) {
                last = event.position();
            }
        }
        return last;
    }

    /** A stored event's position and time (null when the stored text is no instant). */
    private record StoredTime(long position, String timeStamp) {

        Instant time() {
            try {
                return Instant.parse(timeStamp);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
