package org.contributionledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.contributionledger.LedgerApplication;
import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.contributionledger.cli.ExitCodes;
import org.contributionledger.query.audit.ChainEncoding;
import org.contributionledger.query.audit.StoredEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The hash chain catches what someone with write access to the database does to the stored events:
 * one event's payload bytes edited, one row deleted, two rows' contents swapped. Each time
 * {@code verify} names the position and the kind; with the row put back, the history verifies
 * again. Run on H2 ({@link TamperEvidenceIT}) and PostgreSQL ({@link TamperEvidencePostgresIT}),
 * each on a database of its own: the tampering would disturb tests sharing one.
 */
abstract class TamperEvidence {

    /** The test configuration's audit key and checkpoint interval (see the subclasses). */
    static final String HMAC_KEY = "audit-key-of-the-tamper-tests";
    static final int CHECKPOINT_EVERY = 5;
    /** The columns of a stored event, but its position. */
    private static final List<String> CONTENT = List.of("aggregateIdentifier", "sequenceNumber", "type",
            "eventIdentifier", "metaData", "payload", "payloadRevision", "payloadType", "timeStamp");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient admin;

    @BeforeEach
    void connect() {
        admin = LedgerClient.admin(port);
    }

    @Test
    void verifyNamesThePositionAndKindOfEachTamperingAndAnIntactStoreVerifies() {
        recordHistory("tamper");
        JsonNode intact = verified();
        long events = count("SELECT COUNT(*) FROM DomainEventEntry");
        assertThat(intact.path("status").asText()).as("%s", intact).isEqualTo("intact");
        assertThat(intact.path("events").asLong()).isEqualTo(events);
        assertThat(intact.path("chainedEvents").asLong()).isEqualTo(events);
        assertThat(intact.path("unchainedEvents").asLong()).isZero();
        assertThat(intact.path("headDigest").asText()).isEqualTo(jdbc.queryForObject(
                "SELECT digest FROM event_chain WHERE position = (SELECT MAX(globalIndex) FROM DomainEventEntry)", String.class));
        assertThat(intact.path("firstBreak").isNull() || intact.path("firstBreak").isMissingNode()).isTrue();

        List<Long> positions = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier LIKE ?"
                + " ORDER BY globalIndex", Long.class, "%/tamper-%");
        long edited = positions.get(positions.size() / 2);
        long deleted = positions.get(2);
        long swappedFirst = positions.get(3);
        long swappedSecond = positions.get(positions.size() - 2);

        // One event's payload bytes, changed in place: the same event id, another digest.
        byte[] payload = jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE globalIndex = ?", byte[].class, edited);
        byte[] changed = new String(payload, StandardCharsets.UTF_8).replaceFirst("\\}$", ",\"x\":1}").getBytes(StandardCharsets.UTF_8);
        assertThat(changed).isNotEqualTo(payload);
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", changed, edited);
        expectBreak(edited, "edited", null);
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", payload, edited);
        expectIntact(events);

        // One row deleted.
        Map<String, Object> row = content(deleted);
        jdbc.update("DELETE FROM DomainEventEntry WHERE globalIndex = ?", deleted);
        expectBreak(deleted, "missing", null);
        insert(deleted, row);
        expectIntact(events);

        // Two rows' contents swapped: each position now holds the other's event, intact in itself.
        Map<String, Object> first = content(swappedFirst);
        Map<String, Object> second = content(swappedSecond);
        jdbc.update("UPDATE DomainEventEntry SET eventIdentifier = 'moving', aggregateIdentifier = 'moving'"
                + " WHERE globalIndex = ?", swappedFirst);
        overwrite(swappedSecond, first);
        overwrite(swappedFirst, second);
        expectBreak(swappedFirst, "reordered", swappedSecond);
        jdbc.update("UPDATE DomainEventEntry SET eventIdentifier = 'moving', aggregateIdentifier = 'moving'"
                + " WHERE globalIndex = ?", swappedSecond);
        overwrite(swappedFirst, first);
        overwrite(swappedSecond, second);
        expectIntact(events);
    }

    @Test
    void aCopiedCheckpointCatchesAHistoryRewrittenWithItsChain() {
        recordHistory("checkpoint");
        // 201 for a new checkpoint; 200 when the head already has one (every CHECKPOINT_EVERY events).
        boolean periodicAtHead = count("SELECT MAX(event_number) FROM event_chain") % CHECKPOINT_EVERY == 0;
        Reply taken = admin.post("/audit/checkpoints", Map.of());
        taken.expect(periodicAtHead ? 200 : 201);
        JsonNode checkpoint = taken.json();
        assertThat(checkpoint.path("position").asLong()).isEqualTo(count("SELECT MAX(position) FROM event_chain"));
        assertThat(checkpoint.path("hmac").asText()).hasSize(64);
        // The head has not moved: the same checkpoint, not a second one.
        assertThat(admin.post("/audit/checkpoints", Map.of()).expect(200).json()).isEqualTo(checkpoint);

        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("position", checkpoint.path("position").asLong());
        copy.put("digest", checkpoint.path("digest").asText());
        copy.put("hmac", checkpoint.path("hmac").asText());
        JsonNode matches = admin.post("/audit/verify", Map.of("checkpoint", copy)).expect(200).json();
        assertThat(matches.path("status").asText()).as("%s", matches).isEqualTo("intact");
        assertThat(matches.at("/checkpoint/digestMatches").asBoolean()).isTrue();
        assertThat(matches.at("/checkpoint/hmacValid").asBoolean()).isTrue();

        // A forged signature is caught, even though the digest matches.
        Map<String, Object> forged = new LinkedHashMap<>(copy);
        forged.put("hmac", "0".repeat(64));
        JsonNode refused = admin.post("/audit/verify", Map.of("checkpoint", forged)).expect(200).json();
        assertThat(refused.path("status").asText()).isEqualTo("broken");
        assertThat(refused.at("/checkpoint/hmacValid").asBoolean()).isFalse();
        assertThat(refused.at("/checkpoint/digestMatches").asBoolean()).isTrue();

        // Someone edits an event and recomputes the chain table to match: the chain alone says
        // intact, the copied checkpoint does not.
        long edited = jdbc.queryForObject("SELECT MIN(globalIndex) FROM DomainEventEntry WHERE aggregateIdentifier LIKE ?",
                Long.class, "%/checkpoint-%");
        byte[] payload = jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE globalIndex = ?", byte[].class, edited);
        byte[] changed = new String(payload, StandardCharsets.UTF_8).replaceFirst("\\}$", ",\"x\":1}").getBytes(StandardCharsets.UTF_8);
        jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", changed, edited);
        try {
            rechainFrom(edited);
            assertThat(verified().path("status").asText()).isEqualTo("intact");
            JsonNode caught = admin.post("/audit/verify", Map.of("checkpoint", copy)).expect(200).json();
            assertThat(caught.path("status").asText()).isEqualTo("broken");
            assertThat(caught.at("/checkpoint/digestMatches").asBoolean()).isFalse();
            assertThat(caught.at("/checkpoint/recomputedDigest").asText()).isNotEqualTo(copy.get("digest"));
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?", payload, edited);
            rechainFrom(edited);
        }
        assertThat(admin.post("/audit/verify", Map.of("checkpoint", copy)).expect(200).json().path("status").asText())
                .isEqualTo("intact");
    }

    @Test
    void checkpointsAreTakenEveryNEventsAndSigned() {
        recordHistory("periodic");
        JsonNode page = admin.get("/audit/checkpoints?limit=500").expect(200).json();
        assertThat(page.path("items").size()).isGreaterThanOrEqualTo(2);
        for (JsonNode checkpoint : page.path("items")) {
            Map<String, Object> copy = Map.of("position", checkpoint.path("position").asLong(),
                    "digest", checkpoint.path("digest").asText(), "hmac", checkpoint.path("hmac").asText());
            JsonNode verified = admin.post("/audit/verify", Map.of("checkpoint", copy)).expect(200).json();
            assertThat(verified.at("/checkpoint/digestMatches").asBoolean()).as("%s", verified).isTrue();
            assertThat(verified.at("/checkpoint/hmacValid").asBoolean()).isTrue();
        }
        long periodic = 0;
        for (JsonNode checkpoint : page.path("items")) {
            if (checkpoint.path("eventCount").asLong() % CHECKPOINT_EVERY == 0) {
                periodic++;
                assertThat(checkpoint.path("digest").asText()).isEqualTo(jdbc.queryForObject(
                        "SELECT digest FROM event_chain WHERE event_number = ?", String.class,
                        checkpoint.path("eventCount").asLong()));
            }
        }
        assertThat(periodic).isGreaterThanOrEqualTo(count("SELECT MAX(event_number) FROM event_chain") / CHECKPOINT_EVERY);
    }

    @Test
    void theCommandLineSaysIntactOrWhereAndHowAndExitsAccordingly() {
        recordHistory("cli");
        CliRun intact = cli("verify");
        assertThat(intact.exitCode()).as("%s", intact).isEqualTo(ExitCodes.OK);
        assertThat(intact.out()).startsWith("intact: ").contains("events chained, head at position");
        assertThat(intact.out().strip().lines()).hasSize(1);

        long edited = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry WHERE aggregateIdentifier LIKE ?",
                Long.class, "%/cli-%");
        byte[] metaData = jdbc.queryForObject("SELECT metaData FROM DomainEventEntry WHERE globalIndex = ?", byte[].class, edited);
        byte[] otherKey = new String(metaData, StandardCharsets.UTF_8).replace("\"keyId\":\"", "\"keyId\":\"x")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(otherKey).isNotEqualTo(metaData);
        jdbc.update("UPDATE DomainEventEntry SET metaData = ? WHERE globalIndex = ?", otherKey, edited);
        try {
            CliRun broken = cli("verify");
            assertThat(broken.exitCode()).as("%s", broken).isEqualTo(ExitCodes.ALTERED);
            assertThat(broken.out()).startsWith(String.format("broken at position %,d: edited (", edited));
        } finally {
            jdbc.update("UPDATE DomainEventEntry SET metaData = ? WHERE globalIndex = ?", metaData, edited);
        }
        JsonNode head = admin.post("/audit/checkpoints", Map.of()).json();
        CliRun checked = cli("verify", "--checkpoint-position", head.path("position").asText(),
                "--checkpoint-digest", head.path("digest").asText(), "--checkpoint-hmac", head.path("hmac").asText());
        assertThat(checked.exitCode()).as("%s", checked).isEqualTo(ExitCodes.OK);
        assertThat(checked.out()).contains("matches, hmac valid");
        CliRun other = cli("verify", "--checkpoint-position", head.path("position").asText(),
                "--checkpoint-digest", "ab".repeat(32));
        assertThat(other.exitCode()).isEqualTo(ExitCodes.ALTERED);
        assertThat(other.out()).contains("does not match (the events up to it now hash to " + head.path("digest").asText());
    }

    private record CliRun(int exitCode, String out, String err) {
    }

    private CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.addAll(List.of("--url", "http://localhost:" + port, "--key", LedgerClient.ADMIN_KEY));
        int exitCode = LedgerApplication.cli().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(arguments.toArray(String[]::new));
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    @Test
    void aMalformedCheckpointIsRefusedNamingTheField() {
        admin.post("/audit/verify", Map.of("checkpoint", Map.of("position", 1, "digest", "abc")))
                .expectProblem(400, "invalid-request");
        assertThat(admin.post("/audit/verify", Map.of("checkpoint", Map.of("digest", "0".repeat(64))))
                .expectProblem(400, "invalid-request").text("/field")).isEqualTo("checkpoint.position");
        assertThat(admin.post("/audit/verify", Map.of("checkpoint", Map.of("position", 1, "digest", "abc")))
                .text("/field")).isEqualTo("checkpoint.digest");
        admin.post("/audit/verify", Map.of("checkpont", Map.of())).expectProblem(400, "unknown-field");
        admin.get("/audit/checkpoints?limit=0").expectProblem(400, "limit-out-of-range");
        admin.get("/audit/checkpoints?cursor=nonsense").expectProblem(400, "invalid-request");
    }

    @Test
    void onlyTheAdminMayAudit() {
        Community community = admin.createCommunity("audit-key-" + System.nanoTime(), "Not an auditor");
        community.client().post("/audit/verify", Map.of()).expectProblem(403, null);
        community.client().get("/audit/checkpoints").expectProblem(403, null);
        community.client().post("/audit/checkpoints", Map.of()).expectProblem(403, null);
    }

    /** A small history in a community of its own (ids under {@code prefix}), then waits until it is chained. */
    void recordHistory(String prefix) {
        String id = prefix + "-" + System.nanoTime();
        LedgerClient platform = admin.createCommunity(id, "Audited").client();
        platform.post("/communities/" + id + "/members/batch", Map.of("members", List.of(
                Map.of("id", "ada", "displayName", "Ada"), Map.of("id", "bob", "displayName", "Bob"),
                Map.of("id", "cy", "displayName", "Cy")))).expect(200);
        for (int i = 0; i < 6; i++) {
            platform.record(id, Act.of("act-" + i, i % 2 == 0 ? "ada" : "bob", i % 2 == 0 ? "bob" : "cy")).expect(201);
        }
        // A batch with a refused item: what is refused leaves no event, and no hole the chain waits on.
        platform.recordBatch(id, List.of(Act.of("act-6", "cy", "ada"), Act.of("act-7", "cy", "cy"),
                Act.of("act-8", "ada", "cy"))).expect(200);
        platform.confirm(id, "act-0", "bob").expect(200);
        platform.declareTrust(id, "bob", "ada", 7).expect(200);
        awaitChained();
    }

    /** Waits until every stored event is chained (the chain follows the store within about a second). */
    void awaitChained() {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex > "
                + "(SELECT COALESCE(MAX(position), -1) FROM event_chain)") > 0) {
            assertThat(System.nanoTime()).as("every event chained within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private JsonNode verified() {
        return admin.post("/audit/verify", Map.of()).expect(200).json();
    }

    private void expectIntact(long events) {
        JsonNode answer = verified();
        assertThat(answer.path("status").asText()).as("%s", answer).isEqualTo("intact");
        assertThat(answer.path("events").asLong()).isEqualTo(events);
    }

    private void expectBreak(long position, String kind, Long chainedAt) {
        JsonNode answer = verified();
        assertThat(answer.path("status").asText()).as("%s", answer).isEqualTo("broken");
        assertThat(answer.at("/firstBreak/position").asLong()).as("%s", answer).isEqualTo(position);
        assertThat(answer.at("/firstBreak/kind").asText()).as("%s", answer).isEqualTo(kind);
        if (chainedAt != null) {
            assertThat(answer.at("/firstBreak/chainedAt").asLong()).isEqualTo(chainedAt);
        }
    }

    private Map<String, Object> content(long position) {
        Map<String, Object> row = jdbc.queryForMap("SELECT " + String.join(", ", CONTENT)
                + " FROM DomainEventEntry WHERE globalIndex = ?", position);
        Map<String, Object> content = new LinkedHashMap<>();
        // Drivers name the columns in their own case: take them in CONTENT's order.
        List<Object> values = List.copyOf(row.values());
        for (int i = 0; i < CONTENT.size(); i++) {
            content.put(CONTENT.get(i), values.get(i));
        }
        return content;
    }

    private void overwrite(long position, Map<String, Object> content) {
        Object[] arguments = new Object[CONTENT.size() + 1];
        int i = 0;
        for (String column : CONTENT) {
            arguments[i++] = content.get(column);
        }
        arguments[i] = position;
        jdbc.update("UPDATE DomainEventEntry SET " + String.join(" = ?, ", CONTENT) + " = ? WHERE globalIndex = ?", arguments);
    }

    private void insert(long position, Map<String, Object> content) {
        Object[] arguments = new Object[CONTENT.size() + 1];
        arguments[0] = position;
        int i = 1;
        for (String column : CONTENT) {
            arguments[i++] = content.get(column);
        }
        jdbc.update("INSERT INTO DomainEventEntry (globalIndex, " + String.join(", ", CONTENT) + ") VALUES (?"
                + ", ?".repeat(CONTENT.size()) + ")", arguments);
    }

    /** What a careful forger does after editing events: recompute the chain table from there on. */
    private void rechainFrom(long position) {
        byte[] digest = ChainEncoding.fromHex(jdbc.queryForObject(
                "SELECT COALESCE((SELECT digest FROM event_chain WHERE position = (SELECT MAX(position) FROM event_chain"
                        + " WHERE position < ?)), ?)", String.class, position, "0".repeat(64)));
        List<Long> later = jdbc.queryForList("SELECT position FROM event_chain WHERE position >= ? ORDER BY position",
                Long.class, position);
        for (long at : later) {
            StoredEvent event = jdbc.queryForObject("SELECT globalIndex, eventIdentifier, payloadType, payloadRevision,"
                    + " aggregateIdentifier, sequenceNumber, timeStamp, payload, metaData FROM DomainEventEntry WHERE globalIndex = ?",
                    (row, index) -> new StoredEvent(row.getLong(1), row.getString(2),
                            row.getString(3), row.getString(4), row.getString(5), row.getLong(6), row.getString(7),
                            row.getBytes(8), row.getBytes(9)), at);
            digest = ChainEncoding.next(digest, event);
            jdbc.update("UPDATE event_chain SET digest = ? WHERE position = ?",
                    ChainEncoding.hex(digest), at);
        }
    }

    private long count(String sql, Object... arguments) {
        Long value = jdbc.queryForObject(sql, Long.class, arguments);
        return value == null ? 0 : value;
    }
}
