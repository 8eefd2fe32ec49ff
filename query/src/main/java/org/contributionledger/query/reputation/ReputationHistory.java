package org.contributionledger.query.reputation;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.history.HistoricalViews;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reputation as it was at an event position, computed by the same engine as the live reputation:
 * a {@link StandaloneReputation} of its own (projection, snapshots and queries) is fed the
 * community's events up to the position, in the order the live projection received them, and
 * computes once, warm-started from the live snapshot's scores (the past fixed point is usually
 * close to the present one). Its answers are the live answers for that history, to within the
 * solver's tolerance (the live engine may have been warm-started from another vector; see
 * docs/audit.md, "As of").
 * <p>
 * The {@value #CACHED} most recently used (community, position) pairs are kept, so that an
 * analyst paging a leaderboard or reading several members at one instant replays once. One replay
 * runs at a time: each reads the event store from its start up to the position, which costs
 * about as much as the live engine's replay at start for that part of the history.
 */
@Component
public class ReputationHistory {

    static final int CACHED = 8;

    private final ReputationSnapshots live;
    private final EventStorageEngine events;
    /** The SQL views of the past, for the answers that also read them (a member's network); null in tests of reputation alone. */
    private final HistoricalViews views;
    private final ObjectMapper json;
    private final Map<Key, StandaloneReputation> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, StandaloneReputation> eldest) {
            return size() > CACHED;
        }
    };

    @Autowired
    public ReputationHistory(ReputationSnapshots live, EventStorageEngine events, HistoricalViews views,
                             ObjectMapper json) {
        this.live = live;
        this.events = events;
        this.views = views;
        this.json = json;
    }

    /** Reputation alone: every answer but a member's network, which also reads the SQL views. */
    ReputationHistory(ReputationSnapshots live, EventStorageEngine events) {
        this(live, events, null, null);
    }

    public Optional<MemberReputation> handle(FindReputation query, long position) {
        return at(query.communityId(), position).queries().handle(query);
    }

    public Optional<Leaderboard> handle(FindLeaderboard query, long position) {
        return at(query.communityId(), position).queries().handle(query);
    }

    public Optional<Influencers> handle(FindInfluencers query, long position) {
        return at(query.communityId(), position).queries().handle(query);
    }

    public Optional<NetworkStats> handle(FindNetworkStats query, long position) {
        return at(query.communityId(), position).queries().handle(query);
    }

    public Optional<CommunitySpheres> handle(FindSpheres query, long position) {
        return at(query.communityId(), position).queries().handle(query);
    }

    public Optional<SphereMembers> handle(FindSphere query, long position) {
        return at(query.communityId(), position).queries().handle(query);
    }

    /**
     * A member's network at the position: the reputation replayed to it, and the balance and
     * thresholds from the SQL views as they stood right after it ({@link HistoricalViews}).
     */
    public Optional<MemberNetwork> handle(FindMemberNetwork query, long position) {
        if (views == null) {
            throw new IllegalStateException("This history was built without the SQL views a member's network reads");
        }
        StandaloneReputation reputation = at(query.communityId(), position);
        JdbcTemplate past = views.at(query.communityId(), position);
        return new MemberNetworkQueries(reputation.snapshots(), past, new DirectoryProjection(past, json)).handle(query);
    }

    /** How many past networks are held now; for tests of the bound. */
    synchronized int cachedCount() {
        return recent.size();
    }

    /** The community's reputation at the position, replayed unless recently used. */
    synchronized StandaloneReputation at(String communityId, long position) {
        Key key = new Key(communityId, position);
        StandaloneReputation past = recent.get(key);
        if (past == null) {
            past = replay(communityId, position);
            recent.put(key, past);
        }
        return past;
    }

    private StandaloneReputation replay(String communityId, long position) {
        // No replay progress: the past projection has seen every event up to its position by construction.
        StandaloneReputation past = StandaloneReputation.create(Clock.systemUTC());
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(past.projection());
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                if (event.trackingToken().position().orElse(Long.MAX_VALUE) > position) {
                    break;
                }
                // The payload is only read (deserialized) for this community's events.
                if (event instanceof DomainEventMessage<?> domainEvent
                        && ofCommunity(domainEvent.getAggregateIdentifier(), communityId)) {
                    handler.handle(event);
                }
            }
        } catch (Exception failure) {
            throw new IllegalStateException("Could not replay community '" + communityId + "' up to position "
                    + position, failure);
        }
        past.snapshots().computeWarmStartedFrom(live, communityId);
        return past;
    }

    /** Aggregate identifiers are {@code <kind>/<communityId>[/...]} (core.common.Ids). */
    private static boolean ofCommunity(String aggregateIdentifier, String communityId) {
        String[] segments = aggregateIdentifier.split("/", 3);
        return segments.length >= 2 && segments[1].equals(communityId);
    }

    private record Key(String communityId, long position) {
    }
}
