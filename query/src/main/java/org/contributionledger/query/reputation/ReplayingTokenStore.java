package org.contributionledger.query.reputation;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.contributionledger.query.history.StoredEventReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reputation processor's token store: its position is kept in memory (a stored one would skip
 * the replay at start), and the replay of the history stored at start is done here, straight from
 * the event table, before the processor handles its first event.
 * <p>
 * Why here: the processor asks its token store to initialize its segment exactly once, on its own
 * thread, before it reads any event. Replaying there, in pages of thousands of rows read by one
 * query each, into the processor's own handlers (the projection and any other handler of its
 * processing group), and answering with the position reached, hands over to the processor without
 * a race: it goes on from that position, live, as before. The processor's own read of the history
 * went through the event stream in batches of its batch size, with gap tracking, metadata
 * deserialized and a unit of work per batch: twice the work per event (docs/benchmarks.md). The
 * events, their order and the handlers that see them are the same, so the reputation is the same
 * pure function of the event stream.
 * <p>
 * Positions in the replayed range that held no event when read (a transaction that took a position
 * and had not committed yet) stay in the token as gaps, as the processor's own tracking would keep
 * them, so an event committed there later is still delivered.
 * <p>
 * With {@link ReputationCheckpoints}, the replay starts from the stored checkpoint of the projection
 * (the only handler of the group whose state it holds) and this store tells them when the processor
 * has committed a batch and when it stops, for the next checkpoint.
 */
public class ReplayingTokenStore extends InMemoryTokenStore {

    private static final Logger log = LoggerFactory.getLogger(ReplayingTokenStore.class);

    private final StoredEventReader events;
    private final ReplayProgress progress;
    private final Supplier<EventHandlerInvoker> handlers;
    private final int maxGapOffset;
    /** Null: no checkpoints, every start replays the whole history. */
    private final ReputationCheckpoints checkpoints;
    /** A failed replay (the database went away) is retried by the processor from the start, after a reset. */
    private boolean attempted;

    /**
     * @param handlers     the reputation processor's handlers, asked for when the replay starts
     * @param maxGapOffset how far behind the newest event a gap is still waited for, as by the event store
     */
    public ReplayingTokenStore(StoredEventReader events, ReplayProgress progress,
                               Supplier<EventHandlerInvoker> handlers, int maxGapOffset) {
        this(events, progress, handlers, maxGapOffset, null);
    }

    /**
     * @param checkpoints where the replay starts from, when a checkpoint of the reputation is
     *                    stored, and which takes new ones as the processor goes on
     */
    public ReplayingTokenStore(StoredEventReader events, ReplayProgress progress,
                               Supplier<EventHandlerInvoker> handlers, int maxGapOffset,
                               ReputationCheckpoints checkpoints) {
        this.events = events;
        this.progress = progress;
        this.handlers = handlers;
        this.maxGapOffset = maxGapOffset;
        this.checkpoints = checkpoints;
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        initializeTokenSegments(processorName, segmentCount, null);
    }

    /**
     * Replays the whole history stored now into the processor's handlers, then starts its segment
     * at the last position replayed. The initial token the processor suggests (its tail) is the
     * start of that same history.
     */
    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        if (segmentCount != 1) {
            throw new IllegalStateException("The reputation processor runs one segment, in the order of the store; got "
                    + segmentCount);
        }
        super.initializeTokenSegments(processorName, segmentCount, replayHistory(initialToken));
    }

    private synchronized TrackingToken replayHistory(TrackingToken initialToken) {
        EventHandlerInvoker invoker = handlers.get();
        if (attempted) {
            invoker.performReset(); // a replay that failed half-way left partial facts behind
            progress.restoredFrom(-1);
        }
        attempted = true;
        OptionalLong head = events.lastPosition();
        if (head.isEmpty()) {
            return initialToken;
        }
        long started = System.nanoTime();
        // From a checkpoint: the networks hold every event up to its position but those of its gaps
        // (positions then taken by transactions not yet committed), which are read again.
        GapAwareTrackingToken checkpoint = checkpoints == null ? null : checkpoints.restore().orElse(null);
        long checkpointAt = checkpoint == null ? -1 : checkpoint.getIndex();
        Set<Long> awaited = checkpoint == null ? Set.of() : checkpoint.getGaps();
        long after = awaited.isEmpty() ? checkpointAt : Math.min(checkpointAt, awaited.iterator().next() - 1);
        progress.restoredFrom(checkpointAt);
        if (checkpoint != null) {
            // Another node may have stored a checkpoint beyond the head read above.
            head = OptionalLong.of(Math.max(checkpointAt, events.lastPosition().orElse(checkpointAt)));
        }
        List<Long> skipped = new ArrayList<>();
        long replayed = events.forEachTracked(after, head.getAsLong(), event -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("The reputation replay was interrupted (the ledger is stopping)");
            }
            long position = event.trackingToken().position().orElseThrow();
            if (position <= checkpointAt && !awaited.contains(position)) {
                return; // in the checkpoint already
            }
            try {
                invoker.handle(event, Segment.ROOT_SEGMENT);
            } catch (Exception failure) {
                // The processor's error handler has already had its say; what reaches here stops it.
                throw new IllegalStateException("The reputation replay failed at " + event.trackingToken(), failure);
            }
            progress.replayedUpTo(position);
        }, skipped);
        long oldestAwaited = head.getAsLong() - maxGapOffset;
        List<Long> gaps = skipped.stream().filter(position -> position >= oldestAwaited).toList();
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(head.getAsLong(), gaps);
        if (checkpoint == null) {
            log.info("Reputation replayed {} events up to position {} in {} ms", replayed, head.getAsLong(),
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            log.info("Reputation restored from its checkpoint at position {}, then replayed the events up to position {}"
                    + " in {} ms", checkpointAt, head.getAsLong(), (System.nanoTime() - started) / 1_000_000);
        }
        if (checkpoints != null) {
            checkpoints.handledUpTo(token);
        }
        return token;
    }

    /** The processor has stopped, on its own thread: its networks hold every event up to its last token. */
    @Override
    public void releaseClaim(String processorName, int segment) {
        if (checkpoints != null) {
            checkpoints.stoppedAt(fetchToken(processorName, segment));
        }
        super.releaseClaim(processorName, segment);
    }

    /**
     * The processor stores the token of a batch before it hands the batch to the projection (Axon's
     * default), in the batch's unit of work: only once that commits do the networks hold every event
     * up to {@code token}. If it rolls back instead, they hold events beyond the token kept.
     */
    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        super.storeToken(token, processorName, segment);
        if (checkpoints != null) {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(batch -> checkpoints.handledUpTo(token));
                CurrentUnitOfWork.get().onRollback(batch -> checkpoints.rolledBack());
            } else {
                checkpoints.handledUpTo(token);
            }
        }
    }
}
