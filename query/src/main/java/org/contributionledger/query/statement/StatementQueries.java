package org.contributionledger.query.statement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.query.Sql;
import org.contributionledger.query.paging.InvalidCursor;
import org.contributionledger.query.paging.Keyset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keyset pagination over (occurred_at, contribution_id), newest first: a page never repeats or skips
 * an act when new acts arrive between pages, which offset paging cannot promise.
 */
@Component
public class StatementQueries {

    private final JdbcTemplate jdbc;

    public StatementQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String COLUMNS = "SELECT contribution_id, giver, receiver, category, act_value, occurred_at,"
            + " recorded_at, recorded_by, status, status_reason, description, evidence_url, giver_member FROM contribution_view";

    @QueryHandler
    public Optional<StatementEntry> handle(FindContribution query) {
        return jdbc.query(COLUMNS + " WHERE community_id = ? AND contribution_id = ?",
                (row, i) -> entry(row, null), query.communityId(), query.contributionId())
                .stream().findFirst();
    }

    @QueryHandler
    public Statement handle(FindStatement query) {
        List<Object> args = new ArrayList<>();
        String sql = acts(query.communityId(), query.memberId(), null, null, null, null, query.cursor(), query.limit(),
                args);
        Keyset.Page<StatementEntry> page = Keyset.page(
                jdbc.query(sql, (row, i) -> entry(row, query.memberId()), args.toArray()), query.limit(),
                Position::after);
        return new Statement(query.communityId(), query.memberId(), page.items(), page.nextCursor());
    }

    @QueryHandler
    public Contributions handle(FindContributions query) {
        List<Object> args = new ArrayList<>();
        String sql = acts(query.communityId(), query.member(), query.category(), query.status(), query.from(),
                query.to(), query.cursor(), query.limit(), args);
        Keyset.Page<StatementEntry> page = Keyset.page(
                jdbc.query(sql, (row, i) -> entry(row, null), args.toArray()), query.limit(),
                Position::after);
        return new Contributions(query.communityId(), page.items(), page.nextCursor());
    }

    /**
     * One page (plus one row) of a community's acts, newest first, after the cursor; every filter is
     * optional. A member's acts are those that count for them (the member columns: their own, and
     * those of members merged into them), the union of those they gave and those they received, so
     * each half reads its own index instead of the whole community. An act is in one half only:
     * nobody gives to themself, and an act between two members merged into one is in the given half.
     */
    private static String acts(String communityId, String member, String category, ContributionStatus status,
                               Instant from, Instant to, String cursor, int limit, List<Object> args) {
        Position after = cursor == null ? null : Position.decode(cursor);
        if (member == null) {
            return actsWhere(communityId, null, null, category, status, from, to, after, limit, args);
        }
        String given = actsWhere(communityId, "giver_member", member, category, status, from, to, after, limit, args);
        String received = actsWhere(communityId, "receiver_member", member, category, status, from, to, after, limit,
                args);
        args.add(limit + 1);
        return "SELECT * FROM ((" + given + ") UNION ALL (" + received + ")) acts"
                + " ORDER BY occurred_at DESC, contribution_id DESC LIMIT ?";
    }

    private static String actsWhere(String communityId, String memberColumn, String member, String category,
                                    ContributionStatus status, Instant from, Instant to, Position after, int limit,
                                    List<Object> args) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE community_id = ?");
        args.add(communityId);
        // The columns fixed by '=' lead the ORDER BY (it sorts the same): H2 then reads the matching
        // index in order and stops after one page, where it would otherwise sort the whole community.
        StringBuilder order = new StringBuilder(" ORDER BY community_id, ");
        if (memberColumn != null) {
            sql.append(" AND ").append(memberColumn).append(" = ?");
            args.add(member);
            order.append(memberColumn).append(", ");
            if (memberColumn.equals("receiver_member")) {
                sql.append(" AND giver_member <> ?");
                args.add(member);
            }
        }
        if (category != null) {
            sql.append(" AND category = ?");
            args.add(category);
            if (memberColumn == null) {
                order.append("category, ");
            }
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(Sql.timestamp(from));
        }
        if (to != null) {
            sql.append(" AND occurred_at < ?");
            args.add(Sql.timestamp(to));
        }
        if (after != null) {
            // The redundant "occurred_at <= ?" is a range both databases can seek in the index; the
            // OR alone made them scan every newer act first (tens of milliseconds deep in a big community).
            sql.append(" AND occurred_at <= ? AND (occurred_at < ? OR contribution_id < ?)");
            args.addAll(List.of(Sql.timestamp(after.occurredAt()), Sql.timestamp(after.occurredAt()),
                    after.contributionId()));
        }
        args.add(limit + 1);
        return sql.append(order).append("occurred_at DESC, contribution_id DESC LIMIT ?").toString();
    }

    /**
     * Reads a row as {@code viewer} sees it: acts that count as given by the viewer (or by a member
     * merged into them) are GIVEN, all others RECEIVED; a listing ({@code viewer} null) sees every
     * act from its giver's side.
     */
    private static StatementEntry entry(ResultSet row, String viewer) throws SQLException {
        String giver = row.getString(2);
        boolean given = viewer == null || viewer.equals(row.getString(13));
        return new StatementEntry(row.getString(1),
                given ? StatementEntry.Direction.GIVEN : StatementEntry.Direction.RECEIVED,
                given ? row.getString(3) : giver, giver, row.getString(3), row.getString(4),
                row.getBigDecimal(5).stripTrailingZeros(), Sql.instant(row, 6), Sql.instant(row, 7),
                row.getString(8), row.getString(9), row.getString(10), row.getString(11), row.getString(12));
    }

    /** Where a page of acts ended, newest first: the cursor is this position's two parts. */
    private record Position(Instant occurredAt, String contributionId) {

        static String after(StatementEntry last) {
            return Keyset.encode(last.occurredAt().toString(), last.contributionId());
        }

        static Position decode(String cursor) {
            List<String> parts = Keyset.decode(cursor, 2);
            try {
                return new Position(Instant.parse(parts.get(0)), parts.get(1));
            } catch (DateTimeParseException e) {
                throw new InvalidCursor(cursor);
            }
        }
    }
}
