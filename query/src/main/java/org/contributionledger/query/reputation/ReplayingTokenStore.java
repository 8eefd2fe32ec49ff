package org.contributionledger.query.reputation;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
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
 */
public class ReplayingTokenStore extends InMemoryTokenStore {

    private static final Logger log = LoggerFactory.getLogger(ReplayingTokenStore.class);

    private final StoredEventReader events;
    private final ReplayProgress progress;
    private final Supplier<EventHandlerInvoker> handlers;
    private final int maxGapOffset;
    /** A failed replay (the database went away) is retried by the processor from the start, after a reset. */
    private boolean attempted;

    /**
     * @param handlers     the reputation processor's handlers, asked for when the replay starts
     * @param maxGapOffset how far behind the newest event a gap is still waited for, as by the event store
     */
    public ReplayingTokenStore(StoredEventReader events, ReplayProgress progress,
                               Supplier<EventHandlerInvoker> handlers, int maxGapOffset) {
        this.events = events;
        this.progress = progress;
        this.handlers = handlers;
        this.maxGapOffset = maxGapOffset;
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
            progress.replayedUpTo(-1);
        }
        attempted = true;
        OptionalLong head = events.lastPosition();
        if (head.isEmpty()) {
            return initialToken;
        }
        long started = System.nanoTime();
        List<Long> skipped = new ArrayList<>();
        long replayed = events.forEachTracked(-1, head.getAsLong(), event -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("The reputation replay was interrupted (the ledger is stopping)");
            }
            try {
                invoker.handle(event, Segment.ROOT_SEGMENT);
            } catch (Exception failure) {
                // The processor's error handler has already had its say; what reaches here stops it.
                throw new IllegalStateException("The reputation replay failed at " + event.trackingToken(), failure);
            }
            progress.replayedUpTo(event.trackingToken().position().orElseThrow());
        }, skipped);
        long oldestAwaited = head.getAsLong() - maxGapOffset;
        List<Long> gaps = skipped.stream().filter(position -> position >= oldestAwaited).toList();
        log.info("Reputation replayed {} events up to position {} in {} ms", replayed, head.getAsLong(),
                (System.nanoTime() - started) / 1_000_000);
        return GapAwareTrackingToken.newInstance(head.getAsLong(), gaps);
    }
}
