package org.contributionledger.api.export;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.core.community.CommunitySettings.ReciprocityThresholds;
import org.contributionledger.query.directory.Community;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.directory.FindCommunity;
import org.contributionledger.query.reciprocity.Flow;
import org.contributionledger.query.reciprocity.Role;
import org.contributionledger.query.reputation.FindLeaderboard;
import org.contributionledger.query.reputation.Leaderboard;
import org.contributionledger.query.statement.ContributionTotals;
import org.contributionledger.query.trust.TrustTotals;

/**
 * Reads a community's network: members with their influence (the reputation snapshot the
 * leaderboard answers from) and reciprocity (confirmed acts, as the reciprocity endpoint counts
 * them), trust ties and confirmed gifts summed per giver, receiver and category. It is held in
 * memory while written: its size is the network's (members and distinct ties), not the history's.
 */
public class NetworkExport {

    private final DirectoryProjection directory;
    private final TrustTotals trust;
    private final ContributionTotals contributions;
    private final QueryGateway queries;

    /** Each view table is read through the class that owns it. */
    public NetworkExport(DirectoryProjection directory, TrustTotals trust, ContributionTotals contributions,
                         QueryGateway queries) {
        this.directory = directory;
        this.trust = trust;
        this.contributions = contributions;
        this.queries = queries;
    }

    /** @param influence the member's overall score, null when the reputation engine has not scored them */
    record Node(String id, String displayName, Double influence, Flow given, Flow received, Role role) {
    }

    /** @param weight trust: the level; gift: the summed value */
    record Edge(String source, String target, String kind, BigDecimal weight, long count, String category) {
    }

    record Graph(String communityId, List<Node> nodes, List<Edge> edges) {
    }

    Graph read(String communityId) {
        Community community = queries.query(new FindCommunity(communityId), ResponseTypes.optionalInstanceOf(Community.class))
                .join().orElseThrow();
        ReciprocityThresholds thresholds = community.settings().reciprocity();
        Map<String, Double> influence = influence(communityId);
        Map<String, Flow> given = flows(communityId, true);
        Map<String, Flow> received = flows(communityId, false);
        List<Node> nodes = new ArrayList<>();
        directory.displayNames(communityId).forEach((id, name) -> {
            Flow gave = given.getOrDefault(id, Flow.NONE);
            Flow got = received.getOrDefault(id, Flow.NONE);
            nodes.add(new Node(id, name, influence.get(id), gave, got, Role.of(gave, got, thresholds)));
        });
        List<Edge> edges = new ArrayList<>();
        trust.all(communityId).forEach(tie -> edges.add(new Edge(tie.truster(), tie.trustee(), "trust",
                BigDecimal.valueOf(tie.level()), 1, tie.category())));
        contributions.confirmedGifts(communityId).forEach(gift -> edges.add(new Edge(gift.giver(), gift.receiver(),
                "gift", gift.total().value().stripTrailingZeros(), gift.total().count(), gift.category())));
        return new Graph(communityId, nodes, edges);
    }

    private Map<String, Flow> flows(String communityId, boolean given) {
        Map<String, Flow> flows = new LinkedHashMap<>();
        contributions.confirmedPerMember(communityId, given)
                .forEach((member, total) -> flows.put(member, new Flow(total.count(), total.value())));
        return flows;
    }

    /** Every ranked member's overall score, read a leaderboard page at a time. */
    private Map<String, Double> influence(String communityId) {
        Map<String, Double> scores = new LinkedHashMap<>();
        int offset = 0;
        while (true) {
            Leaderboard board = queries.query(new FindLeaderboard(communityId, null, FindLeaderboard.MAX_LIMIT, offset),
                    ResponseTypes.optionalInstanceOf(Leaderboard.class)).join().orElse(null);
            if (board == null) {
                return scores;
            }
            board.entries().forEach(entry -> scores.put(entry.memberId(), entry.score()));
            offset += FindLeaderboard.MAX_LIMIT;
            if (offset >= board.total() || board.entries().isEmpty()) {
                return scores;
            }
        }
    }
}
