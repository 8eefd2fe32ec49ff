package org.contributionledger.api.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.contributionledger.api.export.EventLines;
import org.contributionledger.query.audit.ChainEncoding;
import org.contributionledger.query.audit.StoredEvent;
import org.flywaydb.core.Flyway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Loads a community's event export (docs/audit.md, "Export", JSON Lines) into a fresh store for an
 * offline replay, checking the hash chain on the way in. Each line must hash to its own digest,
 * {@code SHA-256(previousDigest || canonical bytes) == digest}; positions must increase; and each
 * aggregate's events (an act's, a member's, a trust tie's) must follow each other, sequence 0, 1,
 * 2, ... That is how a removed line is caught, at the next event of its aggregate: the chain alone
 * cannot tell, since in a one-community export a line after another community's event does not
 * chain to the line before it either. A removed line that was the last event of its aggregate
 * cannot be told from an event that never was (docs/audit.md, "Offline replay").
 * <p>
 * Rows are inserted as they were stored, byte for byte and at their original positions, so that the
 * replayed store hashes to the same digests; the chain table receives each line's digest. Where a
 * line's {@code previousDigest} is not the digest of the line before it (events of other
 * communities lay between), a marker row holding that previous digest is chained just before it,
 * so that an export of the replay gives every line's {@code previousDigest} back as it was.
 * Everything is one transaction: a bad line leaves nothing imported.
 */
public final class ReplayImport {

    /** Rows sent per JDBC batch. */
    private static final int BATCH = 500;
    /** Event id of the chain row standing for events of the original store that are not in the export. */
    public static final String OUTSIDE_EXPORT = "outside-export:";

    private static final String INSERT_EVENT = """
            INSERT INTO DomainEventEntry (globalIndex, eventIdentifier, payloadType, payloadRevision,
                aggregateIdentifier, sequenceNumber, timeStamp, payload, metaData, type)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_CHAIN = "INSERT INTO event_chain (position, event_number, event_id, digest) VALUES (?, ?, ?, ?)";
    /** As MemberDataKeys.importKey stores them: an export names a key's id, not its member. */
    private static final String INSERT_DATA_KEY = """
            INSERT INTO member_data_key (key_id, community_id, member_id, key_base64, created_at)
            VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)""";

    /** What was imported: {@code events} rows, the last one's position and digest. */
    public record Imported(long events, long lastPosition, String lastDigest) {
    }

    /** The first line that does not verify: {@code line} (1-based), its {@code position} when it has one, and what is wrong. */
    public static final class BadLine extends RuntimeException {
        private final long line;
        private final Long position;

        BadLine(long line, Long position, String problem) {
            super("line " + line + (position == null ? "" : " (position " + position + ")") + ": " + problem);
            this.line = line;
            this.position = position;
        }

        public long line() {
            return line;
        }

        public Long position() {
            return position;
        }
    }

    private ReplayImport() {
    }

    /** Creates the ledger's schema in an empty {@code store}: its own Flyway migrations, as a server's first start would. */
    public static void createSchema(DataSource store) {
        // The same migrations as the ledger on H2 (application.yml), or it would refuse to start on this store.
        Flyway.configure().dataSource(store).locations("classpath:db/migration", "classpath:db/h2").load().migrate();
    }

    /**
     * Imports {@code export} into {@code store}, whose schema exists ({@link #createSchema}) and holds
     * no events; {@code linesDone} hears how many lines are done, now and then.
     *
     * @throws BadLine at the first line that does not verify; nothing is imported then
     */
    public static Imported run(Path export, DataSource store, LongConsumer linesDone) throws IOException, SQLException {
        try (Connection connection = store.getConnection();
             BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            connection.setAutoCommit(false);
            try (PreparedStatement events = connection.prepareStatement(INSERT_EVENT);
                 PreparedStatement chain = connection.prepareStatement(INSERT_CHAIN)) {
                Checks checks = new Checks();
                String text;
                long lineNumber = 0;
                while ((text = reader.readLine()) != null) {
                    lineNumber++;
                    Line line = Line.parse(lineNumber, text);
                    String previous = checks.accept(line);
                    if (previous != null) {
                        addChainRow(chain, line.event.position() - 1, ++checks.chained, OUTSIDE_EXPORT + (line.event.position() - 1), previous);
                    }
                    addEvent(events, line);
                    line.dataKeys.forEach((keyId, key) -> checks.dataKeys.putIfAbsent(keyId, new String[]{line.communityId(), key}));
                    addChainRow(chain, line.event.position(), ++checks.chained, line.event.eventIdentifier(), line.digest);
                    if (lineNumber % BATCH == 0) {
                        events.executeBatch();
                        chain.executeBatch();
                        linesDone.accept(lineNumber);
                    }
                }
                events.executeBatch();
                chain.executeBatch();
                insertDataKeys(connection, checks.dataKeys);
                connection.commit();
                linesDone.accept(lineNumber);
                return new Imported(checks.events, checks.lastPosition, checks.lastDigest);
            } catch (RuntimeException | SQLException | IOException failure) {
                connection.rollback();
                throw failure;
            }
        }
    }

    /**
     * The data keys the lines carried (see docs/audit.md, "Erasure"), so that the replay reads the
     * personal fields the original could read; an erased member's key was never in the export.
     */
    private static void insertDataKeys(Connection connection, Map<String, String[]> keys) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DATA_KEY)) {
            for (Map.Entry<String, String[]> key : keys.entrySet()) {
                insert.setString(1, key.getKey());
                insert.setString(2, key.getValue()[0]);
                insert.setString(3, "imported:" + key.getKey());
                insert.setString(4, key.getValue()[1]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void addEvent(PreparedStatement insert, Line line) throws SQLException {
        StoredEvent event = line.event;
        insert.setLong(1, event.position());
        insert.setString(2, event.eventIdentifier());
        insert.setString(3, event.payloadType());
        insert.setString(4, event.payloadRevision());
        insert.setString(5, event.aggregateIdentifier());
        insert.setLong(6, event.sequenceNumber());
        insert.setString(7, event.timeStamp());
        insert.setBytes(8, event.payload());
        if (event.metaData() == null) {
            insert.setNull(9, Types.BINARY);
        } else {
            insert.setBytes(9, event.metaData());
        }
        insert.setString(10, line.aggregateType);
        insert.addBatch();
    }

    private static void addChainRow(PreparedStatement insert, long position, long number, String eventId, String digest)
            throws SQLException {
        insert.setLong(1, position);
        insert.setLong(2, number);
        insert.setString(3, eventId);
        insert.setString(4, digest);
        insert.addBatch();
    }

    /** One line of the export, as the row it stands for. */
    private record Line(long number, StoredEvent event, String aggregateType, String digest, String previousDigest,
                        Map<String, String> dataKeys) {

        String communityId() {
            String[] segments = event.aggregateIdentifier().split("/", -1);
            return segments.length > 1 ? segments[1] : event.aggregateIdentifier();
        }

        static Line parse(long number, String text) {
            JsonNode json;
            try {
                json = EventLines.readLine(text);
            } catch (IOException e) {
                throw new BadLine(number, null, "not a JSON object (" + firstLine(e.getMessage()) + ")");
            }
            if (json == null || !json.isObject()) {
                throw new BadLine(number, null, "not a JSON object");
            }
            if (!json.path("position").canConvertToLong() || !json.path("position").isIntegralNumber()) {
                throw new BadLine(number, null, "no position");
            }
            long position = json.path("position").asLong();
            try {
                StoredEvent event = new StoredEvent(position, text(json, "eventId", true), text(json, "payloadType", true),
                        text(json, "payloadRevision", false), text(json, "aggregateIdentifier", true),
                        sequenceNumber(json), text(json, "timestamp", true), required(EventLines.storedBytes(json, "payload"), "payload"),
                        EventLines.storedBytes(json, "metaData"));
                String digest = text(json, "digest", false);
                String previous = text(json, "previousDigest", false);
                if (digest == null || previous == null) {
                    throw new IllegalArgumentException("no digest: the event was not chained yet when exported (export again a little later)");
                }
                if (!isDigest(digest) || !isDigest(previous)) {
                    throw new IllegalArgumentException("digest and previousDigest must be 64 lowercase hex digits");
                }
                return new Line(number, event, text(json, "aggregateType", false), digest, previous, dataKeys(json));
            } catch (IllegalArgumentException | IOException problem) {
                throw new BadLine(number, position, problem.getMessage());
            }
        }

        private static String text(JsonNode json, String field, boolean required) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw new IllegalArgumentException("no " + field);
                }
                return null;
            }
            if (!value.isTextual()) {
                throw new IllegalArgumentException(field + " is not a string");
            }
            return value.asText();
        }

        /** {@code dataKeys}: key id to a base64 AES-256 key; absent when the line has no readable personal field. */
        private static Map<String, String> dataKeys(JsonNode json) {
            JsonNode keys = json.get("dataKeys");
            if (keys == null || keys.isNull()) {
                return Map.of();
            }
            if (!keys.isObject()) {
                throw new IllegalArgumentException("dataKeys is not an object");
            }
            Map<String, String> found = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> key : keys.properties()) {
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(key.getValue().asText(""));
                } catch (IllegalArgumentException notBase64) {
                    bytes = new byte[0];
                }
                if (!key.getValue().isTextual() || bytes.length != 32 || key.getKey().length() > 64) {
                    throw new IllegalArgumentException("dataKeys." + key.getKey() + " is not a base64 AES-256 key");
                }
                found.put(key.getKey(), key.getValue().asText());
            }
            return found;
        }

        private static long sequenceNumber(JsonNode json) {
            JsonNode value = json.path("sequenceNumber");
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw new IllegalArgumentException("no sequenceNumber");
            }
            return value.asLong();
        }

        private static byte[] required(byte[] bytes, String field) {
            if (bytes == null) {
                throw new IllegalArgumentException("no " + field);
            }
            return bytes;
        }

        private static boolean isDigest(String text) {
            return text.length() == 64 && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        }

        private static String firstLine(String message) {
            return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
        }
    }

    /** The checks that need the lines before: order, the chain between lines, each aggregate's sequence. */
    private static final class Checks {
        long events;
        long chained;
        long lastPosition = -1;
        String lastDigest = ChainEncoding.hex(ChainEncoding.START);
        /** Where each aggregate was last seen: its sequence number and line. */
        private final Map<String, long[]> aggregates = new HashMap<>();
        /** The data keys met so far: key id to {community, base64 key}. */
        final Map<String, String[]> dataKeys = new LinkedHashMap<>();

        /**
         * Checks the line against itself and the lines before it; returns its previous digest when a
         * marker row must stand before it in the chain (it does not chain to the line before), else null.
         */
        String accept(Line line) {
            StoredEvent event = line.event;
            long position = event.position();
            if (events > 0 && position <= lastPosition) {
                throw new BadLine(line.number, position, "positions must increase, but the line before is at position "
                        + lastPosition + " (lines swapped or moved?)");
            }
            if (position < 0) {
                throw new BadLine(line.number, position, "a position cannot be negative");
            }
            String computed = ChainEncoding.hex(ChainEncoding.next(ChainEncoding.fromHex(line.previousDigest), event));
            if (!computed.equals(line.digest)) {
                throw new BadLine(line.number, position, "the line's event hashes to " + computed + ", not to its digest "
                        + line.digest + " (edited?)");
            }
            boolean links = line.previousDigest.equals(lastDigest);
            if (!links && events > 0 && position == lastPosition + 1) {
                throw new BadLine(line.number, position, "previousDigest " + line.previousDigest
                        + " is not the digest of the line before (position " + lastPosition + "), and no event can lie between them");
            }
            checkSequence(line);
            events++;
            lastPosition = position;
            lastDigest = line.digest;
            return links ? null : line.previousDigest;
        }

        private void checkSequence(Line line) {
            StoredEvent event = line.event;
            long[] seen = aggregates.get(event.aggregateIdentifier());
            long expected = seen == null ? 0 : seen[0] + 1;
            long sequence = event.sequenceNumber();
            if (sequence < expected) {
                throw new BadLine(line.number, event.position(), "event " + sequence + " of " + event.aggregateIdentifier()
                        + " is there already, on line " + seen[1] + " (a copied line?)");
            }
            if (sequence > expected) {
                throw new BadLine(line.number, event.position(), "event " + sequence + " of " + event.aggregateIdentifier()
                        + (seen == null ? " comes first, without event 0" : " follows event " + seen[0] + " on line " + seen[1])
                        + ": the events between are missing (a removed line, or lines out of order?)");
            }
            aggregates.put(event.aggregateIdentifier(), new long[] {sequence, line.number});
        }
    }
}
