package org.contributionledger.query.reputation;

import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * How far the reputation processor is behind the event store. The reputation is held in memory
 * and rebuilt from the whole history at every start: until the processor has processed every event
 * stored when the ledger started, it knows only part of the history, and any answer from it would
 * be partial (an unknown community, a ranking of some members). {@link #replay()} says where it is.
 */
@Component
public class ReplayProgress implements SmartInitializingSingleton {

    /** Where the replay stands: {@code replayed} of the {@code total} events stored at start. */
    public record Replay(long replayed, long total) {
        public boolean done() {
            return replayed >= total;
        }
    }

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<EventStore> eventStore;
    /** The store's last position when the ledger started (before the processor or HTTP started); -1: empty. */
    private volatile long headAtStart = Long.MIN_VALUE;
    /** Once the replay has reached {@link #headAtStart} it stays done: later events are followed, not replayed. */
    private volatile boolean caughtUp;
    /** The last position the start-up replay ({@link ReplayingTokenStore}) has handled, before the processor runs. */
    private volatile long replayedAtStart = -1;
    /** The position of the checkpoint the start-up replay started from ({@link ReputationCheckpoints}); -1 none. */
    private volatile long checkpoint = -1;

    public ReplayProgress(ObjectProvider<EventProcessingConfiguration> processing,
                          ObjectProvider<EventStore> eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** Called once every bean exists, before processors and the web server start: the head as of start. */
    @Override
    public void afterSingletonsInstantiated() {
        headAtStart = head().orElse(Long.MIN_VALUE);
    }

    /** The replay of the history stored at start, as far as it has come. */
    public Replay replay() {
        long head = headAtStart == Long.MIN_VALUE ? head().orElse(-1) : headAtStart;
        // Positions start at 0 (H2) or 1 (PostgreSQL sequences); "events" here are positions, as
        // the store's sequence may have gaps. An empty store (-1) is replayed at once.
        long total = Math.max(0, head + 1);
        if (caughtUp) {
            return new Replay(total, total);
        }
        long processed = processedPosition();
        Replay replay = new Replay(Math.max(0, Math.min(total, processed + 1)), total);
        if (replay.done()) {
            caughtUp = true;
        }
        return replay;
    }

    /** True once every event stored at start has been processed. */
    public boolean caughtUp() {
        return caughtUp || replay().done();
    }

    /**
     * The position of the checkpoint the reputation was restored from at start, the events up to it
     * read from the checkpoint rather than replayed; -1 when the whole history was replayed.
     */
    public long checkpoint() {
        return checkpoint;
    }

    /** Called by the start-up replay when it restored the reputation from a checkpoint; -1 when it did not. */
    void restoredFrom(long position) {
        checkpoint = position;
        replayedAtStart = position;
    }

    /** Called by the start-up replay after each event it handled, before the processor takes over. */
    void replayedUpTo(long position) {
        replayedAtStart = position;
    }

    /** Events stored but not yet processed by the reputation projection, or -1 when unknown. */
    public long eventsBehind() {
        OptionalLong head = head();
        long processed = processedPosition();
        if (head.isEmpty() || processed == Long.MIN_VALUE) {
            return -1;
        }
        return Math.max(0, head.getAsLong() - processed);
    }

    private OptionalLong head() {
        EventStore store = eventStore.getIfAvailable();
        if (store == null) {
            return OptionalLong.empty();
        }
        TrackingToken headToken = store.createHeadToken();
        return headToken == null ? OptionalLong.of(-1) : headToken.position();
    }

    /**
     * The last position the reputation has processed: by the start-up replay, then by every segment
     * of the processor; -1 none yet, MIN_VALUE unknown.
     */
    private long processedPosition() {
        long byProcessor = processorPosition();
        return byProcessor == Long.MIN_VALUE && replayedAtStart < 0 ? byProcessor : Math.max(replayedAtStart, byProcessor);
    }

    private long processorPosition() {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) {
            return Long.MIN_VALUE;
        }
        StreamingEventProcessor processor = configuration
                .eventProcessor(ReputationProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElse(null);
        if (processor == null) {
            return Long.MIN_VALUE;
        }
        long processed = Long.MAX_VALUE;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            processed = Math.min(processed, status.getCurrentPosition().orElse(-1));
        }
        return processed == Long.MAX_VALUE ? -1 : processed;
    }
}
