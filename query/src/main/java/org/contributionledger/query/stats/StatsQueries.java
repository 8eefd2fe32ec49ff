package org.contributionledger.query.stats;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.query.directory.DirectoryProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
public class StatsQueries {

    private static final String CONFIRMED_PAIRS = """
            SELECT DISTINCT giver, receiver FROM contribution_view WHERE community_id = ? AND status = 'CONFIRMED'""";

    private final JdbcTemplate jdbc;
    private final DirectoryProjection directory;

    public StatsQueries(JdbcTemplate jdbc, DirectoryProjection directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    @QueryHandler
    public Optional<CommunityStats> handle(FindCommunityStats query) {
        String c = query.communityId();
        if (directory.findCommunity(c).isEmpty()) {
            return Optional.empty();
        }
        long members = count("SELECT COUNT(*) FROM directory_member WHERE community_id = ?", c);
        long active = count("SELECT COUNT(*) FROM directory_member WHERE community_id = ? AND active", c);
        Map<String, Long> acts = new TreeMap<>();
        for (ContributionStatus status : ContributionStatus.values()) {
            acts.put(status.name().toLowerCase(), 0L);
        }
        jdbc.query("SELECT status, COUNT(*) FROM contribution_view WHERE community_id = ? GROUP BY status",
                row -> {
                    acts.put(row.getString(1).toLowerCase(), row.getLong(2));
                }, c);
        BigDecimal value = jdbc.queryForObject(
                "SELECT COALESCE(SUM(act_value), 0) FROM contribution_view WHERE community_id = ? AND status = 'CONFIRMED'",
                BigDecimal.class, c);
        long edges = count("SELECT COUNT(*) FROM (" + CONFIRMED_PAIRS + ") pairs", c);
        // Each reciprocated ordered pair is counted from both ends; reciprocity is their share of all pairs.
        long reciprocated = count("SELECT COUNT(*) FROM (" + CONFIRMED_PAIRS + ") e WHERE EXISTS ("
                + "SELECT 1 FROM contribution_view r WHERE r.community_id = ? AND r.giver = e.receiver"
                + " AND r.receiver = e.giver AND r.status = 'CONFIRMED')", c, c);
        long trust = count("SELECT COUNT(*) FROM trust_view WHERE community_id = ? AND trust_level > 0", c);
        long distrust = count("SELECT COUNT(*) FROM trust_view WHERE community_id = ? AND trust_level < 0", c);
        return Optional.of(new CommunityStats(c, members, active, acts, value.stripTrailingZeros(), edges,
                reciprocated / 2, edges == 0 ? null : (double) reciprocated / edges, trust, distrust));
    }

    private long count(String sql, Object... args) {
        Long value = jdbc.queryForObject(sql, Long.class, args);
        return value == null ? 0 : value;
    }
}
