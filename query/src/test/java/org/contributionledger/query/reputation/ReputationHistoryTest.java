package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.core.trust.TrustWithdrawn;
import org.junit.jupiter.api.Test;

/**
 * Reputation as of a position, against a reputation fed exactly the events up to that position:
 * the same members, ranks and freshness versions, and scores within the solver's tolerance (the
 * replay starts from the live scores, the reference from scratch). Another community's events are
 * left out, and at most {@value ReputationHistory#CACHED} past networks are kept.
 */
class ReputationHistoryTest {

    private static final String VILLAGE = "village";
    private final List<EventMessage<?>> events = new ArrayList<>();
    private Instant now = Instant.parse("2026-05-01T08:00:00Z");

    private void event(String aggregate, Object payload) {
        now = now.plusSeconds(1);
        events.add(new GenericDomainEventMessage<>("Test", aggregate, 0, payload, Map.of(), UUID.randomUUID().toString(),
                now));
    }

    private void history() {
        event("community/" + VILLAGE, new CommunityCreated(VILLAGE, "Village", CommunitySettings.defaults()));
        event("community/town", new CommunityCreated("town", "Town", CommunitySettings.defaults()));
        for (String member : List.of("alice", "bob", "carol", "dave")) {
            event("member/" + VILLAGE + "/" + member, new MemberRegistered(VILLAGE, member, member));
        }
        event("member/town/zed", new MemberRegistered("town", "zed", "Zed"));
        event("trust/" + VILLAGE + "/alice/dave", new TrustDeclared(VILLAGE, "alice", "dave", null, 9, null, now));
        event("trust/" + VILLAGE + "/bob/dave", new TrustDeclared(VILLAGE, "bob", "dave", null, 3, null, now));
        event("trust/" + VILLAGE + "/dave/carol", new TrustDeclared(VILLAGE, "dave", "carol", null, 5, null, now));
        event("contribution/" + VILLAGE + "/a1", new ContributionRecorded(VILLAGE, "a1", "carol", "bob", "help",
                BigDecimal.TEN, now, null, null, RecordedBy.RECEIVER, ContributionStatus.CONFIRMED));
        event("trust/" + VILLAGE + "/carol/alice", new TrustDeclared(VILLAGE, "carol", "alice", null, 7, null, now));
        event("trust/" + VILLAGE + "/alice/dave", new TrustWithdrawn(VILLAGE, "alice", "dave", null, 9, now));
        event("trust/" + VILLAGE + "/bob/alice", new TrustDeclared(VILLAGE, "bob", "alice", null, 2, null, now));
        event("contribution/" + VILLAGE + "/a2", new ContributionRecorded(VILLAGE, "a2", "alice", "dave", "advice",
                BigDecimal.ONE, now, null, null, RecordedBy.RECEIVER, ContributionStatus.CONFIRMED));
    }

    private static StandaloneReputation fed(List<EventMessage<?>> events) throws Exception {
        StandaloneReputation reputation = ReputationScenario.newReputation();
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(reputation.projection());
        for (EventMessage<?> event : events) {
            handler.handle(event);
        }
        reputation.snapshots().recomputeNow();
        return reputation;
    }

    @Test
    void eachPositionAnswersWhatAProjectionOfThoseEventsAnswers() throws Exception {
        history();
        InMemoryEventStorageEngine store = new InMemoryEventStorageEngine();
        store.appendEvents(events);
        ReputationHistory history = new ReputationHistory(fed(events).snapshots(), store);

        // The in-memory store numbers its events from 0; position p holds events.get(p).
        for (int position = 6; position < events.size(); position++) {
            StandaloneReputation reference = fed(events.subList(0, position + 1));
            Leaderboard expected = reference.queries().handle(new FindLeaderboard(VILLAGE, null, 10, 0)).orElseThrow();
            Leaderboard actual = history.handle(new FindLeaderboard(VILLAGE, null, 10, 0), position).orElseThrow();
            assertThat(actual.entries()).hasSameSizeAs(expected.entries());
            for (int i = 0; i < expected.entries().size(); i++) {
                Leaderboard.Entry want = expected.entries().get(i);
                Leaderboard.Entry got = actual.entries().get(i);
                assertThat(got.memberId()).as("position %d rank %d", position, i + 1).isEqualTo(want.memberId());
                assertThat(got.score()).as("position %d %s", position, want.memberId()).isCloseTo(want.score(),
                        within(1e-9));
            }
            assertThat(actual.freshness().computedVersion()).isEqualTo(expected.freshness().computedVersion());
            assertThat(actual.freshness().upToDate()).isTrue();
        }
        assertThat(history.cachedCount()).isEqualTo(ReputationHistory.CACHED);
        assertThat(history.at(VILLAGE, events.size() - 1)).as("a recent position is kept")
                .isSameAs(history.at(VILLAGE, events.size() - 1));
        assertThat(history.handle(new FindReputation("town", "zed", 3), 5)).as("another community's member")
                .isEmpty();
    }
}
