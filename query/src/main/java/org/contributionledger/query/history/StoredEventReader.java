package org.contributionledger.query.history;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import org.axonframework.common.DateTimeUtils;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads stored events in global order, straight from Axon's event table by JDBC, in pages of
 * {@value #PAGE} rows (keyset paging on {@code globalIndex}: each page a query of its own that
 * starts after the last position of the one before), and turns them into the event messages the
 * processors see: Axon's own entry type and deserialization, with the application's event
 * serializer, so payloads and {@code @Timestamp} are exactly those of the live messages. The
 * ledger has no upcasters; were one added, it would be passed here too.
 *
 * <p>{@link #forEachPayload} is the faster form the rebuild and the views of the past use: payloads
 * and times only, no messages.
 *
 * <p>Faster than {@code EventStorageEngine.readEvents}, which reads pages of the processors' batch
 * size and tracks gaps that a read of the past does not have, and it can narrow to one community.
 */
public final class StoredEventReader {

    static final int PAGE = 5_000;

    /** Larger pages for the fold: a page's rows are handled as they are read, none is held. */
    static final int PAYLOAD_PAGE = 50_000;

    private static final String COLUMNS = "globalIndex, aggregateIdentifier, type, sequenceNumber, eventIdentifier,"
            + " timeStamp, payloadType, payloadRevision, payload, metaData";

    private static final String PAYLOAD_COLUMNS = "globalIndex, aggregateIdentifier, timeStamp, payloadType,"
            + " payloadRevision, payload";

    private final JdbcTemplate store;
    private final Serializer serializer;
    private final Map<String, ObjectReader> readers = new ConcurrentHashMap<>();

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
        List<GenericDomainEventEntry<byte[]>> page = new ArrayList<>(PAGE);
        return pages(communityId, after, upTo, skipped, COLUMNS, PAGE, row -> page.add(entry(row)),
                () -> {
                    long count = deserialize(page, sink);
                    page.clear();
                    return count;
                });
    }

    /**
     * The fast form of {@link #forEach}, for folds: reads pages of {@value #PAYLOAD_PAGE} rows
     * without the metadata column, deserializes the payload only of the events whose payload type
     * is in {@code types} (the others are passed over unread) and hands each on with its timestamp,
     * the one {@code @Timestamp} gives a handler. No message is built. After each page,
     * {@code progress} is told how many events were read so far.
     *
     * @return how many events were read, those passed over included
     */
    long forEachPayload(String communityId, long after, long upTo, Set<String> types, PayloadSink sink,
                        List<Long> skipped, LongConsumer progress) {
        long[] count = {0};
        pages(communityId, after, upTo, skipped, PAYLOAD_COLUMNS, PAYLOAD_PAGE, row -> {
            payload(row, types, sink);
            count[0]++;
        }, () -> {
            progress.accept(count[0]);
            return 0;
        });
        return count[0];
    }

    /** Hands on, as {@link #forEachPayload} does, the events stored at the given positions (ascending). */
    long forEachPayloadAt(List<Long> positions, Set<String> types, PayloadSink sink) {
        long[] count = {0};
        for (int from = 0; from < positions.size(); from += PAGE) {
            List<Long> chunk = positions.subList(from, Math.min(positions.size(), from + PAGE));
            store.query("SELECT " + PAYLOAD_COLUMNS + " FROM DomainEventEntry WHERE globalIndex IN ("
                            + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ") ORDER BY globalIndex",
                    row -> {
                        payload(row, types, sink);
                        count[0]++;
                    }, chunk.toArray());
        }
        return count[0];
    }

    /** Receives one stored event's payload and timestamp. */
    @FunctionalInterface
    interface PayloadSink {
        void accept(Object payload, Instant timestamp);
    }

    private void payload(ResultSet row, Set<String> types, PayloadSink sink) throws SQLException {
        String type = row.getString(4);
        if (!types.contains(type)) {
            return;
        }
        sink.accept(deserialize(type, row.getString(5), row.getBytes(6)), timestamp(row.getString(3)));
    }

    /**
     * The payload as the serializer would give it. A Jackson serializer's own mapper reads it
     * through a reader kept per type: the serializer asks its mapper for a new reader per call,
     * which costs more than the reading. The ledger has no upcasters, so the revision plays no part.
     */
    private Object deserialize(String type, String revision, byte[] data) {
        if (serializer instanceof JacksonSerializer jackson) {
            ObjectReader reader = readers.computeIfAbsent(type, name -> jackson.getObjectMapper()
                    .readerFor(jackson.classForType(new SimpleSerializedType(name, revision))));
            try {
                return reader.readValue(data);
            } catch (IOException e) {
                throw new SerializationException("Could not read a stored " + type, e);
            }
        }
        return serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, revision));
    }

    /**
     * The stored time as Axon reads it ({@link DateTimeUtils#parseInstant}), taken apart by hand in
     * the form Axon writes, {@code 2024-01-31T12:00:00.000Z}: the general parser is a tenth of the
     * cost of a rebuild. Any other form goes to Axon's parser.
     */
    static Instant timestamp(String text) {
        if (text.length() != 24 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            return DateTimeUtils.parseInstant(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int millis = digits(text, 20, 23);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return DateTimeUtils.parseInstant(text);
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** The number written in {@code text[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Keyset paging over the event table: for every row of the range (of the community, when not
     * null) calls {@code perRow}, and {@code endOfPage} after each page; gaps go to {@code skipped}.
     * The first two columns must be the global index and the aggregate identifier.
     *
     * @return the sum of what {@code endOfPage} returned
     */
    private long pages(String communityId, long after, long upTo, List<Long> skipped, String columns, int size,
                       RowCallbackHandler perRow, LongSupplier endOfPage) {
        long count = 0;
        while (after < upTo) {
            List<Object> args = new ArrayList<>(List.of(after, upTo));
            StringBuilder sql = new StringBuilder("SELECT " + columns
                    + " FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ?");
            if (communityId != null) {
                sql.append(" AND (aggregateIdentifier LIKE ? ESCAPE '\\' OR aggregateIdentifier LIKE ? ESCAPE '\\')");
                args.add("%/" + likeLiteral(communityId));
                args.add("%/" + likeLiteral(communityId) + "/%");
            }
            sql.append(" ORDER BY globalIndex LIMIT ").append(size);
            long[] last = {after};
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
                if (communityId == null || belongsTo(row.getString(2), communityId)) {
                    perRow.processRow(row);
                }
            }, args.toArray());
            count += endOfPage.getAsLong();
            if (rows[0] < size) {
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

    private static GenericDomainEventEntry<byte[]> entry(ResultSet row) throws SQLException {
        return new GenericDomainEventEntry<>(row.getString(3), row.getString(2), row.getLong(4), row.getString(5),
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
