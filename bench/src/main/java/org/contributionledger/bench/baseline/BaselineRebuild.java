package org.contributionledger.bench.baseline;

import java.util.Map;
import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.contributionledger.query.statement.ContributionViewProjection;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline's rebuild, Axon's way: reset the views' tracking processor (its reset handlers
 * empty the view tables) and let it replay the whole store until it has caught up. Answers once
 * done, in the shape of the shipped ledger's rebuild.
 */
@RestController
public class BaselineRebuild {

    private final EventProcessingConfiguration processing;
    private final EventStore events;

    public BaselineRebuild(EventProcessingConfiguration processing, EventStore events) {
        this.processing = processing;
        this.events = events;
    }

    @PostMapping("/api/v1/admin/rebuild")
    public synchronized Map<String, Object> rebuild() throws InterruptedException {
        TrackingEventProcessor views = processing
                .eventProcessor(ContributionViewProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow();
        long head = events.createHeadToken() == null ? -1 : events.createHeadToken().position().orElse(-1);
        views.shutDown();
        views.resetTokens();
        views.start();
        while (position(views) < head) {
            Thread.sleep(20);
        }
        return Map.of("id", "baseline", "state", "DONE", "eventsDone", head + 1);
    }

    private static long position(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(status -> status.getCurrentPosition())
                .mapToLong(position -> position.orElse(-1))
                .min().orElse(-1);
    }
}
