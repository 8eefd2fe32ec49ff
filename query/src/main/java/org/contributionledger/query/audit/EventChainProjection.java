package org.contributionledger.query.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Keeps the hash chain (table {@code event_chain}) over the event store, in global order. It runs in
 * a single-segment tracking processor whose token lives in the shared token store, so exactly one
 * node chains, and after any restart it resumes where it stopped. The chain rows and the token are
 * written in the processor's transaction: a batch is chained entirely or not at all.
 * <p>
 * The events delivered only say how far the store may be chained. The digests are computed from
 * the rows as stored, read by JDBC (see {@link StoredEvent}), so the chain covers the very bytes
 * {@code verify} later reads back. The chain never passes a "gap" of the stream (a global index
 * whose transaction had not committed when the processor passed it): an event committed late there
 * must be chained in its place, not after the ones above it.
 */
@ProcessingGroup(EventChainProjection.PROCESSING_GROUP)
public class EventChainProjection {

    public static final String PROCESSING_GROUP = "audit-chain";

    private static final String CHAINABLE = EventChainProjection.class.getName() + ".chainableUpTo";
    /** Rows read per round trip and chain rows written per batch insert. */
    private static final int ROWS_PER_ROUND_TRIP = 500;

    private final JdbcTemplate jdbc;
    private final ChainCheckpoints checkpoints;
    private final long checkpointEvery;

    /** @param checkpointEvery a checkpoint is recorded after every this many chained events */
    public EventChainProjection(JdbcTemplate jdbc, ChainCheckpoints checkpoints, long checkpointEvery) {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("ledger.audit.checkpoint-every must be at least 1, not " + checkpointEvery);
        }
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
        this.checkpointEvery = checkpointEvery;
    }

    /** Notes how far this batch lets the chain go; the chaining itself runs once per batch, before it commits. */
    @EventHandler
    public void on(EventMessage<?> event, TrackingToken token) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get();
        AtomicLong chainable = batch.getOrComputeResource(CHAINABLE, key -> {
            AtomicLong upTo = new AtomicLong(-1);
            batch.onPrepareCommit(unitOfWork -> extendTo(upTo.get()));
            return upTo;
        });
        chainable.accumulateAndGet(chainableUpTo(token), Math::max);
    }

    /** The highest position below which every event has been seen: below the lowest gap, if any. */
    static long chainableUpTo(TrackingToken token) {
        GapAwareTrackingToken gapAware = WrappedToken.unwrap(token, GapAwareTrackingToken.class).orElse(null);
        if (gapAware != null && gapAware.hasGaps()) {
            return gapAware.getGaps().first() - 1;
        }
        return token.position().orElse(-1);
    }

    /** Chains every stored event after the chain's head, up to and including {@code position}. */
    void extendTo(long position) {
        ChainHead head = ChainHead.read(jdbc);
        if (position <= head.position()) {
            return;
        }
        Chaining chaining = new Chaining(head);
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("SELECT " + StoredEvent.COLUMNS
                    + " FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ? ORDER BY globalIndex");
            select.setFetchSize(ROWS_PER_ROUND_TRIP);
            select.setLong(1, head.position());
            select.setLong(2, position);
            return select;
        }, chaining);
        chaining.flush();
    }

    /** Adds rows to the chain as they are read, written in batches. */
    private final class Chaining implements RowCallbackHandler {
        private final List<Object[]> pending = new ArrayList<>();
        private byte[] digest;
        private long eventNumber;

        Chaining(ChainHead head) {
            this.digest = ChainEncoding.fromHex(head.digest());
            this.eventNumber = head.eventNumber();
        }

        @Override
        public void processRow(ResultSet row) throws SQLException {
            StoredEvent event = StoredEvent.of(row);
            digest = ChainEncoding.next(digest, event);
            eventNumber++;
            String hex = ChainEncoding.hex(digest);
            pending.add(new Object[] {event.position(), eventNumber, event.eventIdentifier(), hex});
            if (eventNumber % checkpointEvery == 0) {
                flush();
                checkpoints.record(event.position(), eventNumber, hex);
            } else if (pending.size() >= ROWS_PER_ROUND_TRIP) {
                flush();
            }
        }

        void flush() {
            if (!pending.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO event_chain (position, event_number, event_id, digest) VALUES (?, ?, ?, ?)",
                        pending);
                pending.clear();
            }
        }
    }
}
