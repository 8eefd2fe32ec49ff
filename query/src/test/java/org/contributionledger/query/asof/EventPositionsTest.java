package org.contributionledger.query.asof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.contributionledger.query.directory.ProjectionTestLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rule that turns an instant into a position, on rows written the way Axon writes its
 * timestamp column: ISO-8601 text with 3 to 9 fraction digits, which does not sort as text
 * ({@code ...:00.5Z} sorts after {@code ...:00.123456Z}, and after {@code ...:00.5001Z} too).
 */
class EventPositionsTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private ProjectionTestLedger ledger;
    private JdbcTemplate jdbc;
    private EventPositions positions;

    @BeforeEach
    void store() {
        ledger = ProjectionTestLedger.create();
        jdbc = ledger.jdbc();
        positions = new EventPositions(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
        event(1, "community/other", 0, "2026-05-31T23:59:59.999Z");
        event(2, "community/makers", 0, "2026-06-01T10:00:00.500Z");
        event(3, "member/makers/ada", 0, "2026-06-01T10:00:00.5001Z");
        event(4, "member/makers/bob", 0, "2026-06-01T10:00:00.123456Z");
        event(5, "member/other/cy", 0, "2026-06-01T10:00:01.000Z");
        event(7, "member/makers/dee", 0, "2026-06-01T10:00:02.100Z");
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private void event(long position, String aggregate, long sequence, String timeStamp) {
        jdbc.update("INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, eventIdentifier,"
                        + " payload, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?)",
                position, aggregate, sequence, "event-" + position, new byte[] {'{', '}'}, "test.Event", timeStamp);
    }

    private long at(String instant) {
        return positions.resolve("makers", Instant.parse(instant)).position();
    }

    @Test
    void thePositionIsTheLastOneStoredAtOrBeforeTheInstantComparedAsTimesNotText() {
        assertThat(at("2026-06-01T10:00:00.500Z")).isEqualTo(4);      // 2 and 4 are at or before; 3 is later
        assertThat(at("2026-06-01T10:00:00.50009Z")).isEqualTo(4);
        assertThat(at("2026-06-01T10:00:00.5001Z")).isEqualTo(4);     // the highest position up to it, 3 included
        assertThat(at("2026-06-01T10:00:00.9Z")).isEqualTo(4);
        assertThat(at("2026-06-01T10:00:01Z")).isEqualTo(5);          // another community's event counts too
        assertThat(at("2026-06-01T10:00:02.0999Z")).isEqualTo(5);
        assertThat(at("2026-06-01T10:00:02.1Z")).isEqualTo(7);        // a gap in positions is no event
        assertThat(at("2026-06-01T12:00:00Z")).isEqualTo(7);          // now
        AsOf asOf = positions.resolve("makers", Instant.parse("2026-06-01T11:00:00Z"));
        assertThat(asOf).isEqualTo(new AsOf(Instant.parse("2026-06-01T11:00:00Z"), 7));
    }

    @Test
    void anInstantBeforeTheCommunityWasCreatedIsBeforeItsHistory() {
        assertThatThrownBy(() -> at("2026-06-01T10:00:00.1Z")).isInstanceOf(AsOfBeforeHistory.class)
                .hasMessageContaining("before community 'makers' was created (2026-06-01T10:00:00.500Z)");
        assertThatThrownBy(() -> at("2026-05-01T00:00:00Z")).isInstanceOf(AsOfBeforeHistory.class);
    }

    @Test
    void anInstantBeforeAnyEventIsBeforeTheHistoryOfAnyCommunity() {
        assertThatThrownBy(() -> positions.resolve("nobody", Instant.parse("2026-05-01T00:00:00Z")))
                .isInstanceOf(AsOfBeforeHistory.class).hasMessageContaining("before the first event stored");
        // A community that never existed resolves like any other; its reads answer "not found".
        assertThat(positions.resolve("nobody", NOW).position()).isEqualTo(7);
    }

    @Test
    void anInstantAfterNowIsInTheFuture() {
        assertThatThrownBy(() -> at("2026-06-01T12:00:00.000000001Z")).isInstanceOf(AsOfInFuture.class)
                .hasMessageContaining("it is now 2026-06-01T12:00:00Z");
    }
}
