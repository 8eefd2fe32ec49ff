package org.contributionledger.api.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.statement.ContributionViewProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the SQL views (the directory and the statement, reciprocity, stats and trust views) from
 * the imported events, before the HTTP server starts, so that no read ever sees them half built.
 * In a running ledger these views are subscribing processors, fed in each command's transaction;
 * rows imported by JDBC never pass through a command, so here every stored event is handed to the
 * same handlers, in position order, {@value #BATCH} events per transaction. The reputation engine
 * needs nothing of this: it replays the store at every start anyway.
 */
public class ReplayViews implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ReplayViews.class);
    private static final int BATCH = 1_000;
    /** The processing groups whose handlers run in the command's transaction (see AxonConfiguration). */
    static final Set<String> SUBSCRIBING = Set.of(DirectoryProjection.PROCESSING_GROUP, ContributionViewProjection.PROCESSING_GROUP);

    private final ApplicationContext context;
    private final EventStorageEngine events;
    private final TransactionTemplate transaction;

    public ReplayViews(ApplicationContext context, EventStorageEngine events, PlatformTransactionManager transactions) {
        this.context = context;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
        for (String name : context.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            Object bean = context.getBean(name);
            ProcessingGroup group = AnnotationUtils.findAnnotation(bean.getClass(), ProcessingGroup.class);
            if (group != null && SUBSCRIBING.contains(group.value())) {
                handlers.add(new AnnotationEventHandlerAdapter(bean));
            }
        }
        long started = System.nanoTime();
        long[] count = {0};
        List<EventMessage<?>> batch = new ArrayList<>(BATCH);
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
            stream.forEach(event -> {
                batch.add(event);
                if (batch.size() == BATCH) {
                    count[0] += handle(handlers, batch);
                }
            });
        }
        count[0] += handle(handlers, batch);
        log.info(String.format("Views built from %,d imported events in %.1f s", count[0], (System.nanoTime() - started) / 1e9));
    }

    private int handle(List<AnnotationEventHandlerAdapter> handlers, List<EventMessage<?>> batch) {
        int size = batch.size();
        transaction.executeWithoutResult(status -> {
            for (EventMessage<?> event : batch) {
                for (AnnotationEventHandlerAdapter handler : handlers) {
                    if (handler.canHandle(event)) {
                        try {
                            handler.handle(event);
                        } catch (Exception e) {
                            throw new IllegalStateException("Building the views failed at event " + event.getIdentifier(), e);
                        }
                    }
                }
            }
        });
        batch.clear();
        return size;
    }
}
