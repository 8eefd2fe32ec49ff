package org.contributionledger.query.history;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads stored events in global order, straight from Axon's event table by JDBC, in pages of
 * {@value #PAGE} rows (keyset paging on {@code globalIndex}: each page a query of its own that
 * starts after the last position of the one before), and turns them into the event messages the
 * processors see: Axon's own entry type and deserialization, with the application's event
 * serializer, so payloads and {@code @Timestamp} are exactly those of the live messages. The
 * ledger has no upcasters; were one added, it would be passed here too.
 *
 * <p>Faster than {@code EventStorageEngine.readEvents}, which reads pages of the processors' batch
 * size and tracks gaps that a read of the past does not have, and it can narrow to one community.
 */
public final class StoredEventReader {

    static final int PAGE = 5_000;

    private static final String COLUMNS = "globalIndex, type, aggregateIdentifier, sequenceNumber, eventIdentifier,"
            + " timeStamp, payloadType, payloadRevision, payload, metaData";

    private final JdbcTemplate store;
    private final Serializer serializer;

    public StoredEventReader(JdbcTemplate store, Serializer serializer) {
        this.store = store;
        this.serializer = serializer;
    }

    /** The last position in the store, 0 when it is empty. */
    long head() {
        Long head = store.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        return head == null ? 0 : head;
    }

    /**
     * The position of the community's last event at or before {@code position}, or 0. The SQL
     * narrows by LIKE and may name a later event of another aggregate whose identifier merely ends
     * in the community id; the views as of either position are the same, since only the
     * community's own events change them.
     */
    long lastPositionOf(String communityId, long position) {
        Long last = store.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry WHERE globalIndex <= ?"
                        + " AND (aggregateIdentifier LIKE ? ESCAPE '\\' OR aggregateIdentifier LIKE ? ESCAPE '\\')",
                Long.class, position, "%/" + likeLiteral(communityId), "%/" + likeLiteral(communityId) + "/%");
        return last == null ? 0 : last;
    }

    /**
     * Hands every event after {@code after} up to {@code upTo} (inclusive) to {@code sink}, oldest
     * first: all of them when {@code communityId} is null, else the community's own (aggregate
     * {@code <kind>/<communityId>[/...]}, second segment compared exactly, as the export does).
     *
     * @return how many events were handed on
     */
    long forEach(String communityId, long after, long upTo, Consumer<DomainEventMessage<?>> sink) {
        return forEach(communityId, after, upTo, sink, null);
    }

    /**
     * As above, and adds to {@code skipped} (when not null) every position in the range that held no
     * event when it was read: a rolled-back transaction's, or one not committed yet, whose events may
     * still appear there.
     */
    long forEach(String communityId, long after, long upTo, Consumer<DomainEventMessage<?>> sink, List<Long> skipped) {
        long count = 0;
        while (after < upTo) {
            List<Object> args = new ArrayList<>(List.of(after, upTo));
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                    + " FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ?");
            if (communityId != null) {
                sql.append(" AND (aggregateIdentifier LIKE ? ESCAPE '\\' OR aggregateIdentifier LIKE ? ESCAPE '\\')");
                args.add("%/" + likeLiteral(communityId));
                args.add("%/" + likeLiteral(communityId) + "/%");
            }
            sql.append(" ORDER BY globalIndex LIMIT ").append(PAGE);
            long[] last = {after};
            List<GenericDomainEventEntry<byte[]>> page = new ArrayList<>(PAGE);
            int[] rows = {0};
            store.query(sql.toString(), row -> {
                rows[0]++;
                long position = row.getLong(1);
                if (skipped != null) {
                    for (long gap = last[0] + 1; gap < position; gap++) {
                        skipped.add(gap);
                    }
                }
                last[0] = position;
                String aggregate = row.getString(3);
                if (communityId == null || belongsTo(aggregate, communityId)) {
                    page.add(entry(row));
                }
            }, args.toArray());
            count += deserialize(page, sink);
            if (rows[0] < PAGE) {
                if (skipped != null) {
                    for (long gap = last[0] + 1; gap <= upTo; gap++) {
                        skipped.add(gap);
                    }
                }
                return count;
            }
            after = last[0];
        }
        return count;
    }

    /** The last position in the store, or empty when it holds no event (H2 numbers from 0). */
    public OptionalLong lastPosition() {
        Long head = store.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        return head == null ? OptionalLong.empty() : OptionalLong.of(head);
    }

    /**
     * Hands every event after {@code after} up to {@code upTo} (inclusive) to {@code sink}, oldest
     * first, as a tracked message at its position: what a streaming processor would receive. Adds to
     * {@code skipped} every position in the range that held no event when it was read.
     *
     * @return how many events were handed on
     */
    public long forEachTracked(long after, long upTo, Consumer<TrackedEventMessage<?>> sink, List<Long> skipped) {
        long count = 0;
        while (after < upTo) {
            List<Long> positions = new ArrayList<>(PAGE);
            List<GenericDomainEventEntry<byte[]>> page = new ArrayList<>(PAGE);
            store.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ?"
                    + " ORDER BY globalIndex LIMIT " + PAGE, row -> {
                        positions.add(row.getLong(1));
                        page.add(entry(row));
                    }, after, upTo);
            long previous = after;
            for (long position : positions) {
                for (long gap = previous + 1; gap < position; gap++) {
                    skipped.add(gap);
                }
                previous = position;
            }
            DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(page.stream(), serializer,
                    NoOpEventUpcaster.INSTANCE);
            // Without upcasters every entry is one message, in the order read.
            for (int i = 0; events.hasNext(); i++) {
                sink.accept(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(positions.get(i)),
                        events.next()));
                count++;
            }
            if (positions.size() < PAGE) {
                for (long gap = previous + 1; gap <= upTo; gap++) {
                    skipped.add(gap);
                }
                return count;
            }
            after = previous;
        }
        return count;
    }

    /** Hands on the events stored at the given positions (ascending), those that hold one. */
    long forEachAt(List<Long> positions, Consumer<DomainEventMessage<?>> sink) {
        long count = 0;
        for (int from = 0; from < positions.size(); from += PAGE) {
            List<Long> chunk = positions.subList(from, Math.min(positions.size(), from + PAGE));
            List<GenericDomainEventEntry<byte[]>> page = new ArrayList<>(chunk.size());
            store.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE globalIndex IN ("
                            + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ") ORDER BY globalIndex",
                    row -> {
                        page.add(entry(row));
                    }, chunk.toArray());
            count += deserialize(page, sink);
        }
        return count;
    }

    private long deserialize(List<GenericDomainEventEntry<byte[]>> page, Consumer<DomainEventMessage<?>> sink) {
        long count = 0;
        DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(page.stream(), serializer,
                NoOpEventUpcaster.INSTANCE);
        while (events.hasNext()) {
            sink.accept(events.next());
            count++;
        }
        return count;
    }

    private static GenericDomainEventEntry<byte[]> entry(java.sql.ResultSet row) throws java.sql.SQLException {
        return new GenericDomainEventEntry<>(row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), row.getBytes(9), row.getBytes(10));
    }

    /** Whether an aggregate identifier ({@code <kind>/<communityId>[/...]}) is of the community. */
    static boolean belongsTo(String aggregateIdentifier, String communityId) {
        int first = aggregateIdentifier.indexOf('/');
        if (first < 0) {
            return false;
        }
        int second = aggregateIdentifier.indexOf('/', first + 1);
        String segment = second < 0 ? aggregateIdentifier.substring(first + 1)
                : aggregateIdentifier.substring(first + 1, second);
        return segment.equals(communityId);
    }

    /** The text as a LIKE pattern that matches only itself: identifiers may hold '_' (core.common.Ids). */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
