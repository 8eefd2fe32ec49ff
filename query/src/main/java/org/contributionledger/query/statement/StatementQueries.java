package org.contributionledger.query.statement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
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

    private static final String AFTER = " AND (occurred_at < ? OR (occurred_at = ? AND contribution_id < ?))";
    private static final String NEWEST_FIRST = " ORDER BY occurred_at DESC, contribution_id DESC LIMIT ?";

    private static final String COLUMNS = "SELECT contribution_id, giver, receiver, category, act_value, occurred_at,"
            + " recorded_at, recorded_by, status, status_reason, description, evidence_url FROM contribution_view";

    @QueryHandler
    public Optional<StatementEntry> handle(FindContribution query) {
        return jdbc.query(COLUMNS + " WHERE community_id = ? AND contribution_id = ?",
                (row, i) -> entry(row, row.getString(2)), query.communityId(), query.contributionId())
                .stream().findFirst();
    }

    @QueryHandler
    public Statement handle(FindStatement query) {
        Position after = query.cursor() == null ? null : Position.decode(query.cursor());
        String sql = COLUMNS + " WHERE community_id = ? AND (giver = ? OR receiver = ?)" + (after == null ? "" : AFTER)
                + NEWEST_FIRST;
        List<Object> args = new ArrayList<>(List.of(query.communityId(), query.memberId(), query.memberId()));
        if (after != null) {
            after.addTo(args);
        }
        args.add(query.limit() + 1);
        Keyset.Page<StatementEntry> page = Keyset.page(
                jdbc.query(sql, (row, i) -> entry(row, query.memberId()), args.toArray()), query.limit(),
                Position::after);
        return new Statement(query.communityId(), query.memberId(), page.items(), page.nextCursor());
    }

    /** A community's acts, newest first, each filter narrowing the same keyset order as the statement's. */
    @QueryHandler
    public Contributions handle(FindContributions query) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE community_id = ?");
        List<Object> args = new ArrayList<>(List.of(query.communityId()));
        if (query.member() != null) {
            sql.append(" AND (giver = ? OR receiver = ?)");
            args.addAll(List.of(query.member(), query.member()));
        }
        if (query.category() != null) {
            sql.append(" AND category = ?");
            args.add(query.category());
        }
        if (query.status() != null) {
            sql.append(" AND status = ?");
            args.add(query.status().name());
        }
        if (query.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(Sql.timestamp(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(Sql.timestamp(query.to()));
        }
        if (query.cursor() != null) {
            sql.append(AFTER);
            Position.decode(query.cursor()).addTo(args);
        }
        sql.append(NEWEST_FIRST);
        args.add(query.limit() + 1);
        Keyset.Page<StatementEntry> page = Keyset.page(
                jdbc.query(sql.toString(), (row, i) -> entry(row, row.getString(2)), args.toArray()), query.limit(),
                Position::after);
        return new Contributions(query.communityId(), page.items(), page.nextCursor());
    }

    /** Reads a row as {@code viewer} sees it: acts the viewer gave are GIVEN, all others RECEIVED. */
    private static StatementEntry entry(ResultSet row, String viewer) throws SQLException {
        String giver = row.getString(2);
        boolean given = giver.equals(viewer);
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

        /** The arguments of {@link #AFTER}. */
        void addTo(List<Object> args) {
            args.addAll(List.of(Sql.timestamp(occurredAt), Sql.timestamp(occurredAt), contributionId));
        }
    }
}
