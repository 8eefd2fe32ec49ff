package org.contributionledger.query.reputation;

import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How far the reputation processor is behind the event store. A snapshot that includes every
 * event the projection has seen is only current if the projection has seen every stored event.
 */
@Component
public class ReplayProgress {

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<EventStore> eventStore;

    public ReplayProgress(ObjectProvider<EventProcessingConfiguration> processing,
                          ObjectProvider<EventStore> eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** Events stored but not yet processed by the reputation projection, or -1 when unknown. */
    public long eventsBehind() {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        EventStore store = eventStore.getIfAvailable();
        if (configuration == null || store == null) {
            return -1;
        }
        TrackingToken headToken = store.createHeadToken();
        OptionalLong head = headToken == null ? OptionalLong.of(-1) : headToken.position();
        StreamingEventProcessor processor = configuration
                .eventProcessor(ReputationProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElse(null);
        if (processor == null || head.isEmpty()) {
            return -1;
        }
        long processed = Long.MAX_VALUE;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            processed = Math.min(processed, status.getCurrentPosition().orElse(-1));
        }
        if (processed == Long.MAX_VALUE) {
            return -1;
        }
        return Math.max(0, head.getAsLong() - processed);
    }
}
