package org.contributionledger.query.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.contributionledger.query.directory.ProjectionTestLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live stats are kept while the event store holds the same events, and computed again as soon
 * as it holds one more: a commit after the head, a commit below it (a transaction that took its
 * position earlier and committed later), or views replaced by a rebuild.
 * <p>
 * The test ledger writes the views without storing events, so here a view change stands alone and
 * the stored events are added by hand: that tells "kept" from "computed again".
 */
class LiveStatsTest {

    private static final String C = "garden";
    private static final Instant WHEN = Instant.parse("2025-01-10T12:00:00Z");

    private ProjectionTestLedger ledger;
    private StoreVersion version;
    private StatsQueries live;
    private int acts;

    @BeforeEach
    void setUp() {
        ledger = ProjectionTestLedger.create();
        version = new StoreVersion(ledger.jdbc());
        live = new StatsQueries(ledger.jdbc(), ledger.directory(), version);
        ledger.community(C, "alice", "bob");
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    private long confirmed() {
        return live.handle(new FindCommunityStats(C)).orElseThrow().acts().get("confirmed");
    }

    private void give() {
        acts++;
        ledger.give(C, "act-" + acts, "alice", "bob", "1", WHEN);
    }

    private void storeEvent(Long position) {
        String sql = "INSERT INTO DomainEventEntry (" + (position == null ? "" : "globalIndex, ")
                + "aggregateIdentifier, sequenceNumber, eventIdentifier, payload, payloadType, timeStamp) VALUES ("
                + (position == null ? "" : position + ", ") + "?, 0, ?, X'7B7D', 'test', '2025-01-10T12:00:00Z')";
        ledger.jdbc().update(sql, "test/" + C + "/" + (position == null ? acts : "p" + position), "event-" + acts
                + "-" + position);
    }

    @Test
    void keptWhileTheStoreHoldsTheSameEvents() {
        storeEvent(null);
        give();
        assertThat(confirmed()).isEqualTo(1);

        give(); // a view change without a stored event cannot happen in the ledger: it shows what is kept
        assertThat(confirmed()).isEqualTo(1);
    }

    @Test
    void computedAgainWhenAnEventIsStoredAfterTheHead() {
        storeEvent(null);
        give();
        assertThat(confirmed()).isEqualTo(1);

        give();
        storeEvent(null);
        assertThat(confirmed()).isEqualTo(2);
    }

    @Test
    void computedAgainWhenAnEventIsCommittedBelowTheHead() {
        storeEvent(10L);
        give();
        assertThat(confirmed()).isEqualTo(1);

        give();
        storeEvent(5L); // took its position before the event at 10, committed after it
        assertThat(confirmed()).isEqualTo(2);
    }

    @Test
    void computedAgainWhenTheViewsWereReplaced() {
        storeEvent(null);
        give();
        assertThat(confirmed()).isEqualTo(1);

        give();
        version.viewsReplaced();
        assertThat(confirmed()).isEqualTo(2);
    }

    @Test
    void viewsOfThePastAreAlwaysComputedAfresh() {
        StatsQueries past = new StatsQueries(ledger.jdbc(), ledger.directory());
        give();
        assertThat(past.handle(new FindCommunityStats(C)).orElseThrow().acts().get("confirmed")).isEqualTo(1);
        give();
        assertThat(past.handle(new FindCommunityStats(C)).orElseThrow().acts().get("confirmed")).isEqualTo(2);
    }
}
