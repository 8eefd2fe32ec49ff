package org.contributionledger.query.reciprocity;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.query.directory.Community;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.directory.FindCommunity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reciprocity read straight from the contribution view: sums over a member's own rows, so cost grows with that member's history only. */
@Component
public class ReciprocityQueries {

    private static final String FLOWS = """
            SELECT %1$s, status, COUNT(*), SUM(act_value) FROM contribution_view
            WHERE community_id = ? AND %2$s = ? AND status <> 'REVOKED' GROUP BY %1$s, status""";

    private final JdbcTemplate jdbc;
    private final DirectoryProjection directory;

    public ReciprocityQueries(JdbcTemplate jdbc, DirectoryProjection directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    @QueryHandler
    public Optional<Reciprocity> handle(FindReciprocity query) {
        Optional<Community> community = directory.handle(new FindCommunity(query.communityId()));
        if (community.isEmpty() || directory.findMember(query.communityId(), query.memberId()).isEmpty()) {
            return Optional.empty();
        }
        Sides given = sides(query.communityId(), "giver", "receiver", query.memberId());
        Sides received = sides(query.communityId(), "receiver", "giver", query.memberId());
        Set<String> partners = new HashSet<>(given.partners);
        partners.addAll(received.partners);
        Set<String> mutual = new HashSet<>(given.partners);
        mutual.retainAll(received.partners);
        CommunitySettings.ReciprocityThresholds thresholds = community.get().settings().reciprocity();
        return Optional.of(new Reciprocity(query.communityId(), query.memberId(), given.confirmed, received.confirmed,
                given.waiting, received.waiting, Role.balance(given.confirmed, received.confirmed),
                Role.ratio(given.confirmed, received.confirmed), partners.size(), mutual.size(),
                Role.of(given.confirmed, received.confirmed, thresholds), thresholds, null));
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
                bToA[1], Role.balance(aToB[0], bToA[0]), aToB[0].count() > 0 && bToA[0].count() > 0, null));
    }

    /** Confirmed flow at [0], waiting (pending or disputed) flow at [1]. */
    private Flow[] pair(String communityId, String giver, String receiver) {
        Flow[] flows = {Flow.NONE, Flow.NONE};
        jdbc.query("""
                        SELECT status, COUNT(*), SUM(act_value) FROM contribution_view
                        WHERE community_id = ? AND giver = ? AND receiver = ? AND status <> 'REVOKED' GROUP BY status""",
                row -> {
                    int slot = "CONFIRMED".equals(row.getString(1)) ? 0 : 1;
                    flows[slot] = flows[slot].plus(row.getLong(2), row.getBigDecimal(3));
                }, communityId, giver, receiver);
        return flows;
    }

    private Sides sides(String communityId, String memberColumn, String partnerColumn, String memberId) {
        Sides sides = new Sides();
        jdbc.query(FLOWS.formatted(partnerColumn, memberColumn), row -> {
            long count = row.getLong(3);
            BigDecimal value = row.getBigDecimal(4);
            if ("CONFIRMED".equals(row.getString(2))) {
                sides.confirmed = sides.confirmed.plus(count, value);
                sides.partners.add(row.getString(1));
            } else {
                sides.waiting = sides.waiting.plus(count, value);
            }
        }, communityId, memberId);
        return sides;
    }

    private static final class Sides {
        Flow confirmed = Flow.NONE;
        Flow waiting = Flow.NONE;
        final Set<String> partners = new HashSet<>();
    }
}
