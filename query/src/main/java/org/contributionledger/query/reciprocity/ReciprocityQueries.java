package org.contributionledger.query.reciprocity;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.query.directory.Community;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.directory.FindCommunity;
import org.contributionledger.query.statement.ContributionTotals;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reciprocity from the contribution view's sums (statement.ContributionTotals, which owns the table):
 * sums over a member's own rows, so cost grows with that member's history only.
 */
@Component
public class ReciprocityQueries {

    private final ContributionTotals totals;
    private final DirectoryProjection directory;

    /** Over the given views (the live ones, or views of the past: query.history). */
    public ReciprocityQueries(JdbcTemplate jdbc, DirectoryProjection directory) {
        this.totals = new ContributionTotals(jdbc);
        this.directory = directory;
    }

    @QueryHandler
    public Optional<Reciprocity> handle(FindReciprocity query) {
        Optional<Community> community = directory.handle(new FindCommunity(query.communityId()));
        if (community.isEmpty() || directory.findMember(query.communityId(), query.memberId()).isEmpty()) {
            return Optional.empty();
        }
        Sides given = sides(query.communityId(), query.memberId(), true);
        Sides received = sides(query.communityId(), query.memberId(), false);
        Set<String> partners = new HashSet<>(given.partners);
        partners.addAll(received.partners);
        Set<String> mutual = new HashSet<>(given.partners);
        mutual.retainAll(received.partners);
        CommunitySettings.ReciprocityThresholds thresholds = community.get().settings().reciprocity();
        return Optional.of(new Reciprocity(query.communityId(), query.memberId(), given.confirmed, received.confirmed,
                given.waiting, received.waiting, Role.balance(given.confirmed, received.confirmed),
                Role.ratio(given.confirmed, received.confirmed), partners.size(), mutual.size(),
                Role.of(given.confirmed, received.confirmed, thresholds), thresholds));
    }

    @QueryHandler
    public Optional<PairwiseReciprocity> handle(FindPairwiseReciprocity query) {
        String c = query.communityId();
        if (directory.findMember(c, query.memberA()).isEmpty() || directory.findMember(c, query.memberB()).isEmpty()) {
            return Optional.empty();
        }
        Flow[] aToB = pair(c, query.memberA(), query.memberB());
        Flow[] bToA = pair(c, query.memberB(), query.memberA());
        return Optional.of(new PairwiseReciprocity(c, query.memberA(), query.memberB(), aToB[0], bToA[0], aToB[1],
                bToA[1], Role.balance(aToB[0], bToA[0]), aToB[0].count() > 0 && bToA[0].count() > 0));
    }

    /** Confirmed flow at [0], waiting (pending or disputed) flow at [1]. */
    private Flow[] pair(String communityId, String giver, String receiver) {
        Flow[] flows = {Flow.NONE, Flow.NONE};
        totals.between(communityId, giver, receiver).forEach((status, total) -> {
            int slot = status == ContributionStatus.CONFIRMED ? 0 : 1;
            flows[slot] = flows[slot].plus(total.count(), total.value());
        });
        return flows;
    }

    private Sides sides(String communityId, String memberId, boolean given) {
        Sides sides = new Sides();
        for (ContributionTotals.PartnerTotal row : totals.byPartner(communityId, memberId, given)) {
            if (row.status() == ContributionStatus.CONFIRMED) {
                sides.confirmed = sides.confirmed.plus(row.total().count(), row.total().value());
                sides.partners.add(row.partner());
            } else {
                sides.waiting = sides.waiting.plus(row.total().count(), row.total().value());
            }
        }
        return sides;
    }

    private static final class Sides {
        Flow confirmed = Flow.NONE;
        Flow waiting = Flow.NONE;
        final Set<String> partners = new HashSet<>();
    }
}
