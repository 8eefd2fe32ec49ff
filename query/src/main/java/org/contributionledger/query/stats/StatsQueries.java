package org.contributionledger.query.stats;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.statement.ContributionTotals;
import org.contributionledger.query.trust.TrustTotals;
import org.springframework.beans.factory.annotation.Autowired;
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

    /** Null over views of the past, which do not change: see {@link #handle}. */
    private final StoreVersion storeVersion;
    private final Map<String, Computed> computed = new ConcurrentHashMap<>();

    /** The figures of one community at one version, or the computation that will give them. */
    private record Computed(StoreVersion.Version version, CompletableFuture<Optional<CommunityStats>> stats) {
    }

    /** Over the given views of the past (query.history, query.asof): every answer computed afresh. */
    public StatsQueries(JdbcTemplate jdbc, DirectoryProjection directory) {
        this(jdbc, directory, null);
    }

    /** Over the live views, whose answers are kept while the event store holds the same events. */
    @Autowired
    public StatsQueries(JdbcTemplate jdbc, DirectoryProjection directory, StoreVersion storeVersion) {
        this.contributions = new ContributionTotals(jdbc);
        this.trust = new TrustTotals(jdbc);
        this.directory = directory;
        this.storeVersion = storeVersion;
    }

    /**
     * The figures read every act of the community, hundreds of milliseconds on a large one, so the
     * live answer is kept and given again while the store holds the same events (StoreVersion): it
     * is still read-after-write consistent, since the version is read before the figures and any
     * event committed before this request changes it. Readers that find the same version while its
     * figures are being computed wait for that one computation: after a write, a burst of readers
     * would otherwise each read every act of the community at once.
     */
    @QueryHandler
    public Optional<CommunityStats> handle(FindCommunityStats query) {
        String c = query.communityId();
        if (storeVersion == null) {
            return compute(c);
        }
        StoreVersion.Version version = storeVersion.current();
        Computed mine = new Computed(version, new CompletableFuture<>());
        Computed kept = computed.compute(c, (id, last) -> last != null && last.version().equals(version) ? last : mine);
        if (kept == mine) {
            try {
                mine.stats().complete(compute(c));
            } catch (RuntimeException | Error e) {
                // Not kept: the next reader tries again; those waiting now get the same failure.
                computed.remove(c, mine);
                mine.stats().completeExceptionally(e);
                throw e;
            }
        }
        try {
            return kept.stats().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Optional<CommunityStats> compute(String c) {
        if (directory.findCommunity(c).isEmpty()) {
            return Optional.empty();
        }
        long members = directory.countMembers(c, false);
        long active = directory.countMembers(c, true);
        Map<String, Long> acts = new TreeMap<>();
        contributions.countByStatus(c).forEach((status, count) -> acts.put(status.name().toLowerCase(), count));
        BigDecimal value = contributions.confirmedValue(c);
        ContributionTotals.GivingEdges giving = contributions.givingEdges(c);
        long edges = giving.edges();
        // Each reciprocated ordered pair is counted from both ends; reciprocity is their share of all pairs.
        long reciprocated = giving.reciprocated();
        return Optional.of(new CommunityStats(c, members, active, acts, value.stripTrailingZeros(), edges,
                reciprocated / 2, edges == 0 ? null : (double) reciprocated / edges, trust.declarations(c, true),
                trust.declarations(c, false)));
    }
}
