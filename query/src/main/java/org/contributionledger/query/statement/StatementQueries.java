package org.contributionledger.query.statement;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.query.Sql;
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
        String keyset = after == null ? "" : " AND (occurred_at < ? OR (occurred_at = ? AND contribution_id < ?))";
        String sql = COLUMNS + " WHERE community_id = ? AND (giver = ? OR receiver = ?)" + keyset
                + " ORDER BY occurred_at DESC, contribution_id DESC LIMIT ?";
        List<Object> args = new ArrayList<>(List.of(query.communityId(), query.memberId(), query.memberId()));
        if (after != null) {
            args.addAll(List.of(Sql.timestamp(after.occurredAt()), Sql.timestamp(after.occurredAt()),
                    after.contributionId()));
        }
        args.add(query.limit() + 1);
        List<StatementEntry> rows = jdbc.query(sql, (row, i) -> entry(row, query.memberId()), args.toArray());
        String next = null;
        if (rows.size() > query.limit()) {
            rows = rows.subList(0, query.limit());
            StatementEntry last = rows.get(rows.size() - 1);
            next = new Position(last.occurredAt(), last.contributionId()).encode();
        }
        return new Statement(query.communityId(), query.memberId(), List.copyOf(rows), next);
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

    private record Position(Instant occurredAt, String contributionId) {

        String encode() {
            String raw = occurredAt.toString() + "|" + contributionId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                return new Position(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new InvalidCursor(cursor);
            }
        }
    }
}
