package org.contributionledger.api.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.contributionledger.api.export.EventLines;
import org.contributionledger.api.replay.ReplayImport.BadLine;
import org.contributionledger.query.audit.ChainEncoding;
import org.contributionledger.query.audit.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The import of an export, without a server: rows stored byte for byte at their positions, chain
 * rows with each line's digest and a marker where events of other communities lay between, unknown
 * fields ignored; and the first line that does not verify named with its position.
 */
class ReplayImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADA_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dir;

    /** Five events of a store; the export holds those at positions 1, 2 and 5 (3 and 4 are another community's). */
    private final List<StoredEvent> store = List.of(
            event(1, "community/c", 0, "{\"communityId\":\"c\"}"),
            event(2, "member/c/ada", 0, "{\"memberId\":\"ada\",\"value\":2.50}"),
            event(3, "member/other/bob", 0, "{\"memberId\":\"bob\"}"),
            event(4, "member/other/cy", 0, "{\"memberId\":\"cy\"}"),
            // Bytes that compact JSON does not give back: they travel in base64.
            event(5, "member/c/ada", 1, "{ \"memberId\" : \"ada\" }"));

    @Test
    void rowsAreStoredAsExportedWithTheirDigestsAndUnknownFieldsAreIgnored() throws Exception {
        List<String> lines = export();
        DriverManagerDataSource database = database();

        ReplayImport.Imported imported = ReplayImport.run(write(lines), database, done -> { });

        assertThat(imported.events()).isEqualTo(3);
        assertThat(imported.lastPosition()).isEqualTo(5);
        JdbcTemplate jdbc = new JdbcTemplate(database);
        List<StoredEvent> rows = jdbc.query("SELECT globalIndex, eventIdentifier, payloadType, payloadRevision,"
                        + " aggregateIdentifier, sequenceNumber, timeStamp, payload, metaData FROM DomainEventEntry ORDER BY globalIndex",
                (row, i) -> new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getLong(6), row.getString(7), row.getBytes(8), row.getBytes(9)));
        assertThat(rows).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(store.get(0), store.get(1), store.get(4));
        assertThat(jdbc.queryForList("SELECT type FROM DomainEventEntry ORDER BY globalIndex", String.class))
                .containsExactly("Community", "Member", "Member");
        // The chain: each line's digest, and before position 5 a marker holding the digest of position 4.
        assertThat(jdbc.queryForList("SELECT position || ' ' || event_id || ' ' || digest FROM event_chain ORDER BY position", String.class))
                .containsExactly("1 e1 " + digests().get(0), "2 e2 " + digests().get(1),
                        "4 " + ReplayImport.OUTSIDE_EXPORT + "4 " + digests().get(3), "5 e5 " + digests().get(4));
        // Ada's key, once, under the id the lines gave it, so that her fields read as the original's.
        assertThat(jdbc.queryForList("SELECT key_id || ' ' || community_id || ' ' || key_base64 FROM member_data_key",
                String.class)).containsExactly("key-ada c " + ADA_KEY);
    }

    @Test
    void aDataKeyThatIsNoKeyIsNamed() throws Exception {
        List<String> lines = new ArrayList<>(export());
        lines.set(1, lines.get(1).replace(ADA_KEY, "bm90IGEga2V5"));

        assertThatThrownBy(() -> ReplayImport.run(write(lines), database(), done -> { }))
                .isInstanceOf(BadLine.class).hasMessageContaining("line 2 (position 2): dataKeys.key-ada is not a base64 AES-256 key");
    }

    @Test
    void anEditedLineIsNamedWithItsPosition() throws Exception {
        List<String> lines = new ArrayList<>(export());
        lines.set(1, lines.get(1).replace("2.50", "2.5"));
        assertThatThrownBy(() -> ReplayImport.run(write(lines), database(), done -> { }))
                .isInstanceOf(BadLine.class).hasMessageStartingWith("line 2 (position 2): the line's event hashes to");
    }

    @Test
    void aLineThatDoesNotChainToTheLineRightBeforeItIsRefused() throws Exception {
        List<String> lines = new ArrayList<>(export());
        // Position 5 claimed to come right after 2, with the previous digest of position 4.
        ObjectNode moved = (ObjectNode) JSON.readTree(lines.get(2));
        moved.put("position", 3);
        lines.set(2, JSON.writeValueAsString(moved));
        assertThatThrownBy(() -> ReplayImport.run(write(lines), database(), done -> { }))
                .isInstanceOf(BadLine.class).hasMessageContaining("line 3 (position 3)")
                .hasMessageContaining("no event can lie between them");
    }

    @Test
    void aLineWithoutDigestWasNotChainedYet() throws Exception {
        List<String> lines = new ArrayList<>(export());
        ObjectNode line = (ObjectNode) JSON.readTree(lines.get(0));
        line.putNull("digest");
        line.putNull("previousDigest");
        lines.set(0, JSON.writeValueAsString(line));
        assertThatThrownBy(() -> ReplayImport.run(write(lines), database(), done -> { }))
                .isInstanceOf(BadLine.class).hasMessageContaining("line 1 (position 1): no digest");
    }

    private List<String> export() throws IOException {
        List<String> digests = digests();
        List<String> lines = new ArrayList<>();
        for (int i : new int[] {0, 1, 4}) {
            StoredEvent event = store.get(i);
            ObjectNode line = JSON.createObjectNode();
            line.put("position", event.position());
            line.put("eventId", event.eventIdentifier());
            line.put("payloadType", event.payloadType());
            line.putNull("payloadRevision");
            line.put("aggregateIdentifier", event.aggregateIdentifier());
            line.put("aggregateType", i == 0 ? "Community" : "Member");
            line.put("sequenceNumber", event.sequenceNumber());
            line.put("timestamp", event.timeStamp());
            // Read as an export writes it: numbers exactly as stored (2.50 stays 2.50).
            line.set("payload", EventLines.readLine(new String(event.payload(), StandardCharsets.UTF_8)));
            if (i == 4) {
                line.put("payloadBase64", Base64.getEncoder().encodeToString(event.payload()));
            }
            line.set("metaData", JSON.readTree(event.metaData()));
            line.put("digest", digests.get(i));
            line.put("previousDigest", i == 0 ? ChainEncoding.hex(ChainEncoding.START) : digests.get(i - 1));
            // A field the import does not know: ignored. The data keys of ada's lines: kept for the replay.
            line.put("comment", "from another version");
            if (i > 0) {
                line.set("dataKeys", JSON.valueToTree(Map.of("key-ada", ADA_KEY)));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The chain over the whole store, as the original ledger kept it. */
    private List<String> digests() {
        List<String> digests = new ArrayList<>();
        byte[] digest = ChainEncoding.START;
        for (StoredEvent event : store) {
            digest = ChainEncoding.next(digest, event);
            digests.add(ChainEncoding.hex(digest));
        }
        return digests;
    }

    private Path write(List<String> lines) throws IOException {
        return Files.writeString(dir.resolve("export-" + System.nanoTime() + ".jsonl"), String.join("\n", lines) + "\n");
    }

    private DriverManagerDataSource database() {
        DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:" + dir.resolve("db-" + System.nanoTime()).toAbsolutePath(), "sa", "");
        ReplayImport.createSchema(database);
        return database;
    }

    private static StoredEvent event(long position, String aggregate, long sequence, String payload) {
        return new StoredEvent(position, "e" + position, "org.contributionledger.core.Something", null, aggregate, sequence,
                "2026-01-0" + position + "T10:00:00.123Z", payload.getBytes(StandardCharsets.UTF_8),
                ("{\"keyId\":\"k\",\"requestId\":\"r" + position + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
