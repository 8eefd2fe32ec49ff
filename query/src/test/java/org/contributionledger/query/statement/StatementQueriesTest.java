package org.contributionledger.query.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.query.directory.ProjectionTestLedger;
import org.contributionledger.query.paging.InvalidCursor;
import org.contributionledger.query.paging.Keyset;
import org.contributionledger.query.paging.LimitOutOfRange;
import org.contributionledger.query.statement.StatementEntry.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatementQueriesTest {

    private static final String C = "garden";
    private static final Instant DAY = Instant.parse("2025-01-10T12:00:00Z");

    private ProjectionTestLedger ledger;
    private StatementQueries statements;

    @BeforeEach
    void setUp() {
        ledger = ProjectionTestLedger.create();
        statements = ledger.statements();
        ledger.community(C, "alice", "bob", "carol");
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    private static Instant day(int offset) {
        return DAY.plusSeconds(86_400L * offset);
    }

    private Statement statement(String member, String cursor, int limit) {
        return statements.handle(new FindStatement(C, member, cursor, limit));
    }

    private static List<String> ids(Statement statement) {
        return statement.entries().stream().map(StatementEntry::contributionId).toList();
    }

    @Test
    void statementListsNewestActFirstByOccurrenceNotByRecording() {
        ledger.give(C, "a-old", "bob", "alice", "1", day(-3));
        ledger.give(C, "a-new", "alice", "bob", "1", day(0));
        ledger.give(C, "a-mid", "carol", "alice", "1", day(-1));

        assertThat(ids(statement("alice", null, 10))).containsExactly("a-new", "a-mid", "a-old");
    }

    @Test
    void actsThatOccurredAtTheSameTimeAreOrderedByContributionIdDescending() {
        ledger.give(C, "act-b", "alice", "bob", "1", day(0));
        ledger.give(C, "act-c", "alice", "carol", "1", day(0));
        ledger.give(C, "act-a", "bob", "alice", "1", day(0));
        ledger.give(C, "act-z", "bob", "alice", "1", day(-1));

        assertThat(ids(statement("alice", null, 10))).containsExactly("act-c", "act-b", "act-a", "act-z");
    }

    @Test
    void statementShowsOnlyTheMembersOwnActsOfTheirCommunity() {
        ledger.community("choir", "alice", "bob");
        ledger.give(C, "mine", "alice", "bob", "1", day(0));
        ledger.give(C, "theirs", "bob", "carol", "1", day(0));
        ledger.give("choir", "elsewhere", "bob", "alice", "1", day(0));

        Statement statement = statement("alice", null, 10);

        assertThat(statement.communityId()).isEqualTo(C);
        assertThat(statement.memberId()).isEqualTo("alice");
        assertThat(ids(statement)).containsExactly("mine");
        assertThat(statement.nextCursor()).isNull();
    }

    @Test
    void cursorPagingOverSevenActsWithLimitThreeReturnsEveryActExactlyOnce() {
        // Two pairs share an occurrence time; the first page ends between c5 and c4, which do.
        ledger.give(C, "c1", "alice", "bob", "1", day(-6));
        ledger.give(C, "c2", "bob", "alice", "2", day(-5));
        ledger.give(C, "c3", "alice", "carol", "3", day(-4));
        ledger.give(C, "c4", "carol", "alice", "4", day(-3));
        ledger.give(C, "c5", "alice", "bob", "5", day(-3));
        ledger.give(C, "c6", "bob", "alice", "6", day(-1));
        ledger.give(C, "c7", "alice", "carol", "7", day(-1));
        ledger.give(C, "other", "bob", "carol", "7", day(-3));

        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            Statement page = statement("alice", cursor, 3);
            pages.add(ids(page));
            cursor = page.nextCursor();
        } while (cursor != null && pages.size() < 10);

        assertThat(pages).containsExactly(List.of("c7", "c6", "c5"), List.of("c4", "c3", "c2"), List.of("c1"));
    }

    @Test
    void lastPageThatIsExactlyFullHasNoNextCursor() {
        ledger.give(C, "c1", "alice", "bob", "1", day(-2));
        ledger.give(C, "c2", "alice", "bob", "1", day(-1));
        ledger.give(C, "c3", "alice", "bob", "1", day(0));

        Statement first = statement("alice", null, 2);
        Statement second = statement("alice", first.nextCursor(), 2);
        Statement whole = statement("alice", null, 3);

        assertThat(ids(first)).containsExactly("c3", "c2");
        assertThat(first.nextCursor()).isNotNull();
        assertThat(ids(second)).containsExactly("c1");
        assertThat(second.nextCursor()).isNull();
        assertThat(ids(whole)).containsExactly("c3", "c2", "c1");
        assertThat(whole.nextCursor()).isNull();
    }

    @Test
    void actsRecordedBetweenPagesNeitherRepeatNorShiftTheNextPage() {
        ledger.give(C, "c1", "alice", "bob", "1", day(-3));
        ledger.give(C, "c2", "alice", "bob", "1", day(-2));
        ledger.give(C, "c3", "alice", "bob", "1", day(-1));
        Statement first = statement("alice", null, 2);

        ledger.give(C, "c4-newest", "bob", "alice", "1", day(0));

        assertThat(ids(first)).containsExactly("c3", "c2");
        assertThat(ids(statement("alice", first.nextCursor(), 2))).containsExactly("c1");
    }

    @Test
    void eachSideSeesTheDirectionAndCounterpartOfTheAct() {
        ledger.give(C, "act-1", "alice", "bob", "12.50", day(0));

        StatementEntry giver = statement("alice", null, 10).entries().get(0);
        StatementEntry receiver = statement("bob", null, 10).entries().get(0);

        assertThat(giver.direction()).isEqualTo(Direction.GIVEN);
        assertThat(giver.counterpart()).isEqualTo("bob");
        assertThat(receiver.direction()).isEqualTo(Direction.RECEIVED);
        assertThat(receiver.counterpart()).isEqualTo("alice");
        for (StatementEntry entry : List.of(giver, receiver)) {
            assertThat(entry.giver()).isEqualTo("alice");
            assertThat(entry.receiver()).isEqualTo("bob");
            assertThat(entry.value()).isEqualTo(new BigDecimal("12.5"));
        }
    }

    @Test
    void entryCarriesEveryFactOfTheAct() {
        Instant occurredAt = Instant.parse("2025-01-09T08:30:00Z");
        ContributionRecorded event = new ContributionRecorded(C, "act-1", "alice", "bob", "advice",
                new BigDecimal("3.000"), occurredAt, "Helped with the tax form", "https://example.org/proof",
                RecordedBy.GIVER, ContributionStatus.PENDING);
        Instant recordedAt = ledger.tick();
        ledger.contributions().on(event, recordedAt);

        StatementEntry entry = statement("alice", null, 10).entries().get(0);

        assertThat(entry).isEqualTo(new StatementEntry("act-1", Direction.GIVEN, "bob", "alice", "bob", "advice",
                new BigDecimal("3"), occurredAt, recordedAt, "GIVER", "PENDING", null, "Helped with the tax form",
                "https://example.org/proof"));
    }

    @Test
    void confirmationShowsUpAsConfirmedWithoutReason() {
        ledger.offer(C, "act-1", "alice", "bob", "5", day(0));
        ledger.confirm(C, "act-1");

        StatementEntry entry = statement("bob", null, 10).entries().get(0);

        assertThat(entry.status()).isEqualTo("CONFIRMED");
        assertThat(entry.statusReason()).isNull();
        assertThat(entry.recordedBy()).isEqualTo("GIVER");
    }

    @Test
    void disputeShowsUpWithItsReasonOnBothSides() {
        ledger.offer(C, "act-1", "alice", "bob", "5", day(0));
        ledger.dispute(C, "act-1", "Never happened");

        for (String member : List.of("alice", "bob")) {
            StatementEntry entry = statement(member, null, 10).entries().get(0);
            assertThat(entry.status()).isEqualTo("DISPUTED");
            assertThat(entry.statusReason()).isEqualTo("Never happened");
        }
    }

    @Test
    void revocationShowsUpWithItsReasonAndTheActStaysOnTheStatement() {
        ledger.offer(C, "act-1", "alice", "bob", "5", day(0));
        ledger.dispute(C, "act-1", "Wrong amount");
        ledger.revoke(C, "act-1", "Recorded by mistake");

        Statement statement = statement("alice", null, 10);

        assertThat(ids(statement)).containsExactly("act-1");
        assertThat(statement.entries().get(0).status()).isEqualTo("REVOKED");
        assertThat(statement.entries().get(0).statusReason()).isEqualTo("Recorded by mistake");
    }

    @Test
    void cursorThatIsNotBase64IsAnInvalidCursor() {
        ledger.give(C, "act-1", "alice", "bob", "1", day(0));

        assertThatThrownBy(() -> statement("alice", "not a cursor!", 10))
                .isInstanceOf(InvalidCursor.class)
                .hasMessageContaining("not a cursor!");
    }

    @Test
    void cursorWithoutPositionOrTimeIsAnInvalidCursor() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String noBar = base64.encodeToString("2025-01-10T12:00:00Z".getBytes(StandardCharsets.UTF_8));
        String badTime = base64.encodeToString("yesterday|act-1".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> statement("alice", noBar, 10)).isInstanceOf(InvalidCursor.class);
        assertThatThrownBy(() -> statement("alice", badTime, 10)).isInstanceOf(InvalidCursor.class);
    }

    @Test
    void limitOutsideOneToFiveHundredIsRejected() {
        assertThatThrownBy(() -> new FindStatement(C, "alice", null, 0)).isInstanceOf(LimitOutOfRange.class);
        assertThatThrownBy(() -> new FindStatement(C, "alice", null, Keyset.MAX_LIMIT + 1))
                .isInstanceOf(LimitOutOfRange.class);
    }

    @Test
    void memberWithoutActsHasAnEmptyStatement() {
        Statement statement = statement("carol", null, 10);

        assertThat(statement.entries()).isEmpty();
        assertThat(statement.nextCursor()).isNull();
    }

    @Test
    void findContributionShowsTheActFromItsGiversSideWithItsCurrentStatus() {
        ledger.offer(C, "act-1", "alice", "bob", "2.50", day(0));
        ledger.confirm(C, "act-1");

        StatementEntry entry = statements.handle(new FindContribution(C, "act-1")).orElseThrow();

        assertThat(entry.contributionId()).isEqualTo("act-1");
        assertThat(entry.direction()).isEqualTo(Direction.GIVEN);
        assertThat(entry.counterpart()).isEqualTo("bob");
        assertThat(entry.status()).isEqualTo("CONFIRMED");
        assertThat(entry.value()).isEqualTo(new BigDecimal("2.5"));
        assertThat(entry.occurredAt()).isEqualTo(day(0));
    }

    @Test
    void findContributionOfAnUnknownActOrOtherCommunityIsEmpty() {
        ledger.give(C, "act-1", "alice", "bob", "1", day(0));

        assertThat(statements.handle(new FindContribution(C, "act-2"))).isEmpty();
        assertThat(statements.handle(new FindContribution("choir", "act-1"))).isEmpty();
    }

    @Test
    void resetEmptiesTheView() {
        ledger.give(C, "act-1", "alice", "bob", "1", day(0));

        ledger.contributions().reset();

        assertThat(statement("alice", null, 10).entries()).isEmpty();
        assertThat(statements.handle(new FindContribution(C, "act-1"))).isEmpty();
    }
}
