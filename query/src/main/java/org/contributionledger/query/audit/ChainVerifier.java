package org.contributionledger.query.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.contributionledger.query.audit.ChainBreak.Kind;
import org.contributionledger.query.audit.ChainVerification.ChainStatus;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the chain from the event store and walks it beside the chain table, both in position
 * order, reading each a few hundred rows at a time: memory stays constant however long the history.
 * It reports the first position where the two disagree, and goes on hashing the store to the end so
 * that a supplied checkpoint is checked against the store alone, whatever the chain table says.
 */
public class ChainVerifier {

    private static final int ROWS_PER_ROUND_TRIP = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final CheckpointSignature signature;

    public ChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions, CheckpointSignature signature) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.signature = signature;
    }

    public ChainVerification verify(SuppliedCheckpoint checkpoint) {
        if (checkpoint != null && checkpoint.hmac() != null && !signature.configured()) {
            throw new AuditKeyNotConfigured();
        }
        // In a transaction: PostgreSQL streams a result set only with auto-commit off.
        return readOnly.execute(status -> jdbc.execute((ConnectionCallback<ChainVerification>) connection ->
                walk(connection, checkpoint)));
    }

    private ChainVerification walk(Connection connection, SuppliedCheckpoint checkpoint) throws SQLException {
        // The chain is read first: every event it holds was committed before it, so the store's
        // result, taken after, holds them all, and an event chained meanwhile counts as unchained.
        try (PreparedStatement chainQuery = streaming(connection,
                "SELECT position, event_id, digest FROM event_chain ORDER BY position");
             ResultSet chainRows = chainQuery.executeQuery();
             PreparedStatement storeQuery = streaming(connection,
                     "SELECT " + StoredEvent.COLUMNS + " FROM DomainEventEntry ORDER BY globalIndex");
             ResultSet storeRows = storeQuery.executeQuery()) {
            Walk walk = new Walk(checkpoint);
            ChainRow chained = ChainRow.next(chainRows);
            StoredEvent stored = storeRows.next() ? StoredEvent.of(storeRows) : null;
            while (chained != null || stored != null) {
                if (chained == null || (stored != null && stored.position() < chained.position())) {
                    walk.storedOnly(stored, chained != null);
                    stored = storeRows.next() ? StoredEvent.of(storeRows) : null;
                } else if (stored == null || chained.position() < stored.position()) {
                    walk.chainedOnly(chained);
                    chained = ChainRow.next(chainRows);
                } else {
                    walk.both(stored, chained);
                    stored = storeRows.next() ? StoredEvent.of(storeRows) : null;
                    chained = ChainRow.next(chainRows);
                }
            }
            return walk.result();
        }
    }

    private static PreparedStatement streaming(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(ROWS_PER_ROUND_TRIP);
        return statement;
    }

    /** Where the event with this id is chained, if anywhere. */
    private Long chainedPosition(String eventId) {
        List<Long> positions = jdbc.queryForList("SELECT position FROM event_chain WHERE event_id = ?", Long.class, eventId);
        return positions.isEmpty() ? null : positions.get(0);
    }

    private record ChainRow(long position, String eventId, String digest) {
        static ChainRow next(ResultSet rows) throws SQLException {
            return rows.next() ? new ChainRow(rows.getLong(1), rows.getString(2), rows.getString(3)) : null;
        }
    }

    /** The state of one verification as it walks the two sequences. */
    private final class Walk {
        private final SuppliedCheckpoint checkpoint;
        private byte[] digest = ChainEncoding.START;
        private String digestAtCheckpoint;
        private long events;
        private long chainedEvents;
        private long unchainedEvents;
        private long headPosition = -1;
        private String headDigest = ChainEncoding.hex(ChainEncoding.START);
        private ChainBreak firstBreak;

        Walk(SuppliedCheckpoint checkpoint) {
            this.checkpoint = checkpoint;
        }

        /** An event the chain has no row for: below the chain's head that is a break, above it the chain is behind. */
        void storedOnly(StoredEvent stored, boolean chainGoesOn) {
            if (chainGoesOn) {
                breakAt(stored.position(), Kind.unchained, stored.eventIdentifier(), null,
                        "event " + stored.eventIdentifier() + " is stored at a position the chain passed without it");
            } else {
                unchainedEvents++;
            }
            hash(stored);
        }

        void chainedOnly(ChainRow chained) {
            breakAt(chained.position(), Kind.missing, chained.eventId(), null,
                    "event " + chained.eventId() + " was chained here and is no longer stored");
            chain(chained);
        }

        void both(StoredEvent stored, ChainRow chained) {
            hash(stored);
            chain(chained);
            if (firstBreak != null) {
                return;
            }
            if (!stored.eventIdentifier().equals(chained.eventId())) {
                Long chainedAt = chainedPosition(stored.eventIdentifier());
                if (chainedAt != null) {
                    breakAt(stored.position(), Kind.reordered, chained.eventId(), chainedAt, "event "
                            + stored.eventIdentifier() + " is stored here but was chained at position " + chainedAt);
                } else {
                    breakAt(stored.position(), Kind.edited, chained.eventId(), null, "the event stored here has id "
                            + stored.eventIdentifier() + ", chained nowhere; the chain has " + chained.eventId());
                }
            } else if (!ChainEncoding.hex(digest).equals(chained.digest())) {
                breakAt(stored.position(), Kind.edited, chained.eventId(), null,
                        "event " + chained.eventId() + " is stored with other bytes than were chained");
            }
        }

        private void hash(StoredEvent stored) {
            if (checkpoint != null && digestAtCheckpoint == null && stored.position() > checkpoint.position()) {
                digestAtCheckpoint = ChainEncoding.hex(digest);
            }
            digest = ChainEncoding.next(digest, stored);
            events++;
        }

        private void chain(ChainRow chained) {
            chainedEvents++;
            headPosition = chained.position();
            headDigest = chained.digest();
        }

        private void breakAt(long position, Kind kind, String eventId, Long chainedAt, String detail) {
            if (firstBreak == null) {
                firstBreak = new ChainBreak(position, kind, eventId, chainedAt, detail);
            }
        }

        ChainVerification result() {
            CheckpointCheck check = null;
            if (checkpoint != null) {
                String recomputed = digestAtCheckpoint != null ? digestAtCheckpoint : ChainEncoding.hex(digest);
                Boolean hmacValid = checkpoint.hmac() == null ? null
                        : signature.verifies(checkpoint.position(), checkpoint.digest(), checkpoint.hmac());
                check = new CheckpointCheck(checkpoint.position(), checkpoint.digest(), recomputed,
                        recomputed.equals(checkpoint.digest()), hmacValid);
            }
            boolean intact = firstBreak == null && (check == null || check.passes());
            return new ChainVerification(intact ? ChainStatus.intact : ChainStatus.broken, events, chainedEvents,
                    unchainedEvents, headPosition, headDigest, firstBreak, check);
        }
    }
}
