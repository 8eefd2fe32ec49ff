package org.contributionledger.query.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SQL views (directory, contribution and trust tables) of one community as they stood right
 * after the event at a given position (global index), built on demand from the event store alone:
 * the community's stored events, in global order, folded into rows by the projection classes of the
 * live views ({@link ViewFolds}), then written into a scratch in-memory database with the same schema. Any query class constructed over
 * the returned {@link JdbcTemplate} (e.g. {@code new StatementQueries(views)}) answers as of that
 * position.
 *
 * <p>The last {@value #DEFAULT_CAPACITY} views built are kept (least recently used goes first).
 * Positions between two events of the community share one view: its key is the community's last
 * event at or before the position asked for. Two requests for the same view build it once.
 */
@Component
public class HistoricalViews implements DisposableBean {

    static final int DEFAULT_CAPACITY = 8;

    /** Requested positions remembered per view, so that a repeated request skips the lookup query. */
    private static final int ALIASES = 256;

    private final StoredEventReader events;
    private final Set<String> payloadTypes;
    private final ObjectMapper json;
    private final int capacity;
    private final Map<Key, CompletableFuture<ScratchDatabase>> views;
    private final Map<Key, Long> aliases;

    @Autowired
    public HistoricalViews(JdbcTemplate store, @Qualifier("eventSerializer") Serializer serializer, ObjectMapper json) {
        this(store, serializer, json, DEFAULT_CAPACITY);
    }

    public HistoricalViews(JdbcTemplate store, Serializer serializer, ObjectMapper json, int capacity) {
        this.events = new StoredEventReader(store, serializer);
        this.payloadTypes = ViewFolds.payloadTypes(serializer);
        this.json = json;
        this.capacity = capacity;
        this.views = new LinkedHashMap<>(16, 0.75f, true);
        this.aliases = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
                return size() > ALIASES;
            }
        };
    }

    /**
     * The community's SQL views right after the event at {@code position}. Use the template at once
     * (within the request): once evicted from the cache the database is dropped, and a query on it
     * fails rather than answer from nothing.
     */
    public JdbcTemplate at(String communityId, long position) {
        Key asked = new Key(communityId, position);
        Long known;
        synchronized (this) {
            known = aliases.get(asked);
        }
        long last = known != null ? known : events.lastPositionOf(communityId, position);
        Key key = new Key(communityId, last);
        CompletableFuture<ScratchDatabase> view;
        boolean build;
        synchronized (this) {
            aliases.put(asked, last);
            view = views.get(key);
            build = view == null;
            if (build) {
                view = new CompletableFuture<>();
                views.put(key, view);
                evictBeyondCapacity();
            }
        }
        if (build) {
            try {
                view.complete(build(communityId, last));
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    views.remove(key, view);
                }
                view.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return view.join().jdbc();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** How many views are kept now (for tests and health). */
    public synchronized int size() {
        return views.size();
    }

    private ScratchDatabase build(String communityId, long upTo) {
        ViewFolds folds = new ViewFolds(json);
        events.forEachPayload(communityId, 0, upTo, payloadTypes, folds::on, null, read -> {
        });
        ScratchDatabase database = ScratchDatabase.create();
        try {
            Connection connection = database.keeper();
            // One transaction for the whole build: no commit per batch.
            connection.setAutoCommit(false);
            folds.insertInto(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
            connection.commit();
            connection.setAutoCommit(true);
            return database;
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Could not build the views of " + communityId, e);
        }
    }

    /** Drops the least recently used views beyond capacity; one still being built is dropped once done. */
    private void evictBeyondCapacity() {
        var eldest = views.entrySet().iterator();
        while (views.size() > capacity && eldest.hasNext()) {
            CompletableFuture<ScratchDatabase> view = eldest.next().getValue();
            eldest.remove();
            view.thenAccept(ScratchDatabase::close);
        }
    }

    @Override
    public synchronized void destroy() {
        views.values().forEach(view -> view.thenAccept(ScratchDatabase::close));
        views.clear();
    }

    private record Key(String communityId, long position) {
    }
}
