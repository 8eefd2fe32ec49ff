package org.contributionledger.api.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.contributionledger.query.audit.ExportedEvent;
import org.contributionledger.query.audit.StoredEvent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes exported events as JSON Lines or CSV (docs/audit.md, "Export"). Each JSON line carries
 * every stored column, so the row, and with it the chain digest, can be rebuilt byte for byte:
 * {@code payload} and {@code metaData} are the stored JSON as JSON values, and when writing such a
 * value back compactly (this class's {@link #compact}) would not give the stored bytes exactly, the
 * bytes travel as well, in {@code payloadBase64} / {@code metaDataBase64}.
 */
public final class EventLines {

    /**
     * Reads numbers as written (exact BigDecimal, not double, trailing zeros kept: 2.0 stays 2.0), so
     * that writing them back gives the same text.
     */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    static final String CSV_HEADER = "position,eventId,type,time,aggregate,keyId,requestId,receivedAt,digest,payload\r\n";

    private EventLines() {
    }

    static void jsonLine(ExportedEvent event, OutputStream out) throws IOException {
        StoredEvent stored = event.stored();
        ObjectNode line = JSON.createObjectNode();
        line.put("position", stored.position());
        line.put("eventId", stored.eventIdentifier());
        line.put("payloadType", stored.payloadType());
        line.put("payloadRevision", stored.payloadRevision());
        line.put("aggregateIdentifier", stored.aggregateIdentifier());
        line.put("aggregateType", event.aggregateType());
        line.put("sequenceNumber", stored.sequenceNumber());
        line.put("timestamp", stored.timeStamp());
        json(line, "payload", stored.payload());
        json(line, "metaData", stored.metaData());
        JsonNode metaData = parse(stored.metaData());
        ObjectNode provenance = line.putObject("provenance");
        provenance.put("keyId", text(metaData, "keyId"));
        provenance.put("requestId", text(metaData, "requestId"));
        provenance.put("receivedAt", text(metaData, "receivedAt"));
        line.put("digest", event.digest());
        line.put("previousDigest", event.previousDigest());
        if (!event.dataKeys().isEmpty()) {
            ObjectNode dataKeys = line.putObject("dataKeys");
            event.dataKeys().forEach(dataKeys::put);
        }
        out.write(JSON.writeValueAsBytes(line));
        out.write('\n');
    }

    static void csvRow(ExportedEvent event, OutputStream out) throws IOException {
        StoredEvent stored = event.stored();
        JsonNode metaData = parse(stored.metaData());
        String row = String.join(",", String.valueOf(stored.position()), csv(stored.eventIdentifier()),
                csv(stored.payloadType()), csv(stored.timeStamp()), csv(stored.aggregateIdentifier()),
                csv(text(metaData, "keyId")), csv(text(metaData, "requestId")), csv(text(metaData, "receivedAt")),
                csv(event.digest()), csv(new String(stored.payload(), StandardCharsets.UTF_8))) + "\r\n";
        out.write(row.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads one JSON line of an export, numbers exactly as written (see {@link #storedBytes}). */
    public static JsonNode readLine(String line) throws IOException {
        return JSON.readTree(line);
    }

    /**
     * The stored bytes of {@code payload} or {@code metaData} rebuilt from a JSON line: the
     * {@code <field>Base64} copy when the line has one, otherwise the value written compactly; null
     * when the column was null.
     */
    public static byte[] storedBytes(JsonNode line, String field) throws IOException {
        JsonNode copy = line.get(field + "Base64");
        if (copy != null && !copy.isNull()) {
            return Base64.getDecoder().decode(copy.asText());
        }
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : compact(value);
    }

    /** The stored bytes of a JSON value as this export rebuilds them: compact, numbers as written. */
    static byte[] compact(JsonNode value) throws IOException {
        return JSON.writeValueAsBytes(value);
    }

    /** {@code name}: the stored JSON as a value; {@code nameBase64}: the bytes, when the value does not give them back. */
    private static void json(ObjectNode line, String name, byte[] stored) throws IOException {
        if (stored == null) {
            line.putNull(name);
            return;
        }
        JsonNode value = parse(stored);
        // A JSON null would read back as "no column value": the bytes must travel then too.
        boolean exact = value != null && !value.isNull() && Arrays.equals(compact(value), stored);
        line.set(name, value);
        if (!exact) {
            line.put(name + "Base64", Base64.getEncoder().encodeToString(stored));
        }
    }

    /** The JSON value of stored bytes, or null when they are no JSON (an edited row). */
    private static JsonNode parse(byte[] stored) {
        if (stored == null) {
            return null;
        }
        try {
            return JSON.readTree(stored);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        return json == null ? null : json.path(field).asText(null);
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; null is empty. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
