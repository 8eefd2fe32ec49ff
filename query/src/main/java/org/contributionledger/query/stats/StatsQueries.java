package org.contributionledger.query.stats;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.statement.ContributionTotals;
import org.contributionledger.query.trust.TrustTotals;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A community's figures, from the views' owners: members from the directory, acts from
 * statement.ContributionTotals, trust declarations from trust.TrustTotals.
 */
@Component
public class StatsQueries {

    private final ContributionTotals contributions;
    private final TrustTotals trust;
    private final DirectoryProjection directory;

    /** Over the given views (the live ones, or views of the past: query.history). */
    public StatsQueries(JdbcTemplate jdbc, DirectoryProjection directory) {
        this.contributions = new ContributionTotals(jdbc);
        this.trust = new TrustTotals(jdbc);
        this.directory = directory;
    }

    @QueryHandler
    public Optional<CommunityStats> handle(FindCommunityStats query) {
        String c = query.communityId();
        if (directory.findCommunity(c).isEmpty()) {
            return Optional.empty();
        }
        long members = directory.countMembers(c, false);
        long active = directory.countMembers(c, true);
        Map<String, Long> acts = new TreeMap<>();
        contributions.countByStatus(c).forEach((status, count) -> acts.put(status.name().toLowerCase(), count));
        BigDecimal value = contributions.confirmedValue(c);
        long edges = contributions.givingEdges(c);
        // Each reciprocated ordered pair is counted from both ends; reciprocity is their share of all pairs.
        long reciprocated = contributions.reciprocatedEdges(c);
        return Optional.of(new CommunityStats(c, members, active, acts, value.stripTrailingZeros(), edges,
                reciprocated / 2, edges == 0 ? null : (double) reciprocated / edges, trust.declarations(c, true),
                trust.declarations(c, false)));
    }
}
