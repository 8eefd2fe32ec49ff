package org.contributionledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.contributionledger.query.audit.ChainBreak.Kind;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.contributionledger.query.audit.ChainVerification.ChainStatus;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The chain over rows written straight into the event table of a migrated H2 database: how it is
 * extended, checkpointed and verified, without Axon around it. (The same on the running ledger, on
 * H2 and PostgreSQL, with the tampering done by SQL: TamperEvidenceIT, TamperEvidencePostgresIT.)
 */
class EventChainTest {

    private static final String KEY = "audit-key";
    /** Positions with holes, as rolled-back transactions leave them. */
    private static final List<Long> POSITIONS = List.of(1L, 2L, 4L, 5L, 6L, 9L, 10L);

    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;
    private final CheckpointSignature signature = new CheckpointSignature(KEY);
    private ChainCheckpoints checkpoints;
    private EventChainProjection chain;

    @BeforeEach
    void migrate() {
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:chain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(database);
        transactions = new DataSourceTransactionManager(database);
        checkpoints = new ChainCheckpoints(jdbc, signature, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        chain = new EventChainProjection(jdbc, checkpoints, 3);
        for (long position : POSITIONS) {
            jdbc.update("""
                            INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier,
                                metaData, payload, payloadRevision, payloadType, timeStamp)
                            VALUES (?, ?, ?, 'Contribution', ?, ?, ?, '1', 'org.example.Happened', ?)""",
                    position, "contribution/c/" + position, 0, "event-" + position,
                    "{\"keyId\":\"admin\"}".getBytes(StandardCharsets.UTF_8),
                    ("{\"n\":" + position + "}").getBytes(StandardCharsets.UTF_8), "2026-01-01T00:00:0" + (position % 10) + "Z");
        }
    }

    private ChainVerification verify(SuppliedCheckpoint checkpoint) {
        return new ChainVerifier(jdbc, transactions, signature).verify(checkpoint);
    }

    @Test
    void theChainCoversEveryStoredRowInOrderAndVerifiesIntact() {
        chain.extendTo(5);
        chain.extendTo(10);
        chain.extendTo(10);

        byte[] expected = ChainEncoding.START;
        for (long position : POSITIONS) {
            expected = ChainEncoding.next(expected, stored(position));
        }
        ChainVerification verification = verify(null);
        assertThat(verification.status()).isEqualTo(ChainStatus.intact);
        assertThat(verification.events()).isEqualTo(7);
        assertThat(verification.chainedEvents()).isEqualTo(7);
        assertThat(verification.headPosition()).isEqualTo(10);
        assertThat(verification.headDigest()).isEqualTo(ChainEncoding.hex(expected));
        assertThat(jdbc.queryForList("SELECT event_number FROM event_chain ORDER BY position", Long.class))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aCheckpointIsRecordedEveryNEventsAndSigned() {
        chain.extendTo(10);
        List<Checkpoint> taken = checkpoints.page(null, 50).items();
        assertThat(taken).extracting(Checkpoint::position).containsExactly(4L, 9L);
        assertThat(taken).extracting(Checkpoint::eventCount).containsExactly(3L, 6L);
        for (Checkpoint checkpoint : taken) {
            assertThat(signature.verifies(checkpoint.position(), checkpoint.digest(), checkpoint.hmac())).isTrue();
            ChainVerification verification = verify(new SuppliedCheckpoint(checkpoint.position(), checkpoint.digest(),
                    checkpoint.hmac()));
            assertThat(verification.checkpoint().digestMatches()).isTrue();
            assertThat(verification.checkpoint().hmacValid()).isTrue();
        }
    }

    @Test
    void eventsAfterTheHeadAreNotChainedYetWhichIsNoBreak() {
        chain.extendTo(5);
        ChainVerification verification = verify(null);
        assertThat(verification.status()).isEqualTo(ChainStatus.intact);
        assertThat(verification.unchainedEvents()).isEqualTo(3);
        assertThat(verification.headPosition()).isEqualTo(5);
    }

    @Test
    void anEventThatTheChainPassedWithoutIsUnchained() {
        chain.extendTo(10);
        jdbc.update("DELETE FROM event_chain WHERE position = 4");
        ChainBreak firstBreak = verify(null).firstBreak();
        assertThat(firstBreak.position()).isEqualTo(4);
        assertThat(firstBreak.kind()).isEqualTo(Kind.unchained);
    }

    @Test
    void anotherEventIdInPlaceOfTheChainedOneIsAnEdit() {
        chain.extendTo(10);
        jdbc.update("UPDATE DomainEventEntry SET eventIdentifier = 'forged' WHERE globalIndex = 5");
        ChainVerification verification = verify(null);
        assertThat(verification.status()).isEqualTo(ChainStatus.broken);
        assertThat(verification.firstBreak().position()).isEqualTo(5);
        assertThat(verification.firstBreak().kind()).isEqualTo(Kind.edited);
        assertThat(verification.firstBreak().eventId()).isEqualTo("event-5");
    }

    @Test
    void theChainStopsBelowTheLowestGapOfTheStream() {
        assertThat(EventChainProjection.chainableUpTo(GapAwareTrackingToken.newInstance(10, List.of(7L, 8L)))).isEqualTo(6);
        assertThat(EventChainProjection.chainableUpTo(GapAwareTrackingToken.newInstance(10, List.of()))).isEqualTo(10);

        // So an event committed late at position 3 is chained in its place, the chain having waited below it.
        jdbc.update("DELETE FROM DomainEventEntry WHERE globalIndex > 2");
        chain.extendTo(2);
        jdbc.update("""
                INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, eventIdentifier, payload,
                    payloadType, timeStamp) VALUES (3, 'late', 0, 'event-late', X'7B7D', 'org.example.Late', '2026-01-01T00:00:03Z')""");
        chain.extendTo(3);
        assertThat(verify(null).status()).isEqualTo(ChainStatus.intact);
        assertThat(verify(null).chainedEvents()).isEqualTo(3);
    }

    @Test
    void aCheckpointBeforeAnythingIsChainedIsRefused() {
        assertThatThrownBy(() -> checkpoints.takeAtHead()).isInstanceOf(NothingChained.class);
    }

    @Test
    void takingACheckpointTwiceAtTheSameHeadRecordsItOnce() {
        chain.extendTo(6);
        ChainCheckpoints.Taken first = checkpoints.takeAtHead();
        ChainCheckpoints.Taken again = checkpoints.takeAtHead();
        assertThat(first.recordedNow()).isTrue();
        assertThat(again.recordedNow()).isFalse();
        assertThat(again.checkpoint()).isEqualTo(first.checkpoint());
        assertThat(first.checkpoint().eventCount()).isEqualTo(5);
    }

    @Test
    void anHmacCannotBeCheckedWithoutAKey() {
        chain.extendTo(10);
        ChainVerifier keyless = new ChainVerifier(jdbc, transactions, new CheckpointSignature(""));
        assertThatThrownBy(() -> keyless.verify(new SuppliedCheckpoint(4, "ab".repeat(32), "cd".repeat(32))))
                .isInstanceOf(AuditKeyNotConfigured.class);
        assertThat(keyless.verify(new SuppliedCheckpoint(4, "ab".repeat(32), null)).checkpoint().hmacValid()).isNull();
    }

    @Test
    void theSignatureIsThatOfAnIndependentHmac() {
        // python3 -c "import hmac,hashlib; print(hmac.new(b'audit-key',
        //     b'ledger-checkpoint:v1:42:' + b'ab' * 32, hashlib.sha256).hexdigest())"
        assertThat(signature.sign(42, "ab".repeat(32)))
                .isEqualTo("acab1c8bf70c92ad2be49af789250d57e22332e93757ba0128be1743749f078e");
        assertThat(signature.verifies(42, "ab".repeat(32), "ACAB1C8BF70C92AD2BE49AF789250D57E22332E93757BA0128BE1743749F078E")).isTrue();
        assertThat(signature.verifies(43, "ab".repeat(32), "acab1c8bf70c92ad2be49af789250d57e22332e93757ba0128be1743749f078e")).isFalse();
        assertThat(new CheckpointSignature(null).sign(42, "ab".repeat(32))).isNull();
    }

    @Test
    void aMalformedCheckpointIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new SuppliedCheckpoint(-1, "ab".repeat(32), null)).hasMessageContaining("checkpoint.position");
        assertThatThrownBy(() -> new SuppliedCheckpoint(1, "xyz", null)).hasMessageContaining("checkpoint.digest");
        assertThatThrownBy(() -> new SuppliedCheckpoint(1, "ab".repeat(32), "ab")).hasMessageContaining("checkpoint.hmac");
    }

    private StoredEvent stored(long position) {
        return jdbc.queryForObject("SELECT " + StoredEvent.COLUMNS + " FROM DomainEventEntry WHERE globalIndex = ?",
                (row, index) -> StoredEvent.of(row), position);
    }
}
