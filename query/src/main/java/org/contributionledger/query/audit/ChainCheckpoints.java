package org.contributionledger.query.audit;

import java.time.Clock;
import java.util.List;

import org.contributionledger.query.Sql;
import org.contributionledger.query.paging.InvalidCursor;
import org.contributionledger.query.paging.Keyset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The checkpoint table: written every {@code ledger.audit.checkpoint-every} events by the chain's
 * processor and on demand by the admin, read by auditors who copy them elsewhere. One checkpoint
 * per position: asking again at the same head answers the checkpoint already there.
 */
public class ChainCheckpoints {

    private static final RowMapper<Checkpoint> CHECKPOINT = (row, index) -> new Checkpoint(row.getLong(1), row.getLong(2),
            row.getString(3), Sql.instant(row, 4), row.getString(5));
    private static final String COLUMNS = "position, event_count, digest, taken_at, hmac";

    private final JdbcTemplate jdbc;
    private final CheckpointSignature signature;
    private final Clock clock;

    public ChainCheckpoints(JdbcTemplate jdbc, CheckpointSignature signature, Clock clock) {
        this.jdbc = jdbc;
        this.signature = signature;
        this.clock = clock;
    }

    /**
     * A checkpoint at the chain's head as it is now (events stored but not chained yet are not in
     * it: the chain follows the store within about a second).
     *
     * @throws NothingChained when no event is chained yet
     */
    public Taken takeAtHead() {
        ChainHead head = ChainHead.read(jdbc);
        if (head.isEmpty()) {
            throw new NothingChained();
        }
        boolean recordedNow;
        try {
            recordedNow = record(head.position(), head.eventNumber(), head.digest());
        } catch (DuplicateKeyException takenMeanwhile) {
            // Another node (or the periodic checkpoint) recorded this head between the check and the insert.
            recordedNow = false;
        }
        return new Taken(at(head.position()), recordedNow);
    }

    /** @param recordedNow false when a checkpoint at the chain's head existed already */
    public record Taken(Checkpoint checkpoint, boolean recordedNow) {
    }

    /** Records a checkpoint unless one exists at that position already; true when it was recorded now. */
    boolean record(long position, long eventCount, String digest) {
        String hmac = signature.sign(position, digest);
        // Not an insert that fails on a duplicate: inside the chain's batch transaction a failed
        // statement would abort the whole transaction on PostgreSQL.
        return jdbc.update("INSERT INTO audit_checkpoint (" + COLUMNS + ") SELECT CAST(? AS BIGINT), CAST(? AS BIGINT),"
                        + " CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(64))"
                        + " WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoint WHERE position = ?)",
                position, eventCount, digest, Sql.timestamp(clock.instant()), hmac, position) == 1;
    }

    private Checkpoint at(long position) {
        return jdbc.queryForObject("SELECT " + COLUMNS + " FROM audit_checkpoint WHERE position = ?", CHECKPOINT, position);
    }

    /** One page of checkpoints, oldest first, after the cursor's position. */
    Checkpoints page(String cursor, int limit) {
        Keyset.checkLimit(limit, Keyset.MAX_LIMIT);
        long after = cursor == null ? Long.MIN_VALUE : position(cursor);
        List<Checkpoint> rows = jdbc.query("SELECT " + COLUMNS + " FROM audit_checkpoint WHERE position > ?"
                + " ORDER BY position LIMIT ?", CHECKPOINT, after, limit + 1);
        Keyset.Page<Checkpoint> page = Keyset.page(rows, limit, checkpoint -> Keyset.encode(String.valueOf(checkpoint.position())));
        return new Checkpoints(page.items(), page.nextCursor());
    }

    private static long position(String cursor) {
        String part = Keyset.decode(cursor, 1).get(0);
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw new InvalidCursor(cursor);
        }
    }
}
