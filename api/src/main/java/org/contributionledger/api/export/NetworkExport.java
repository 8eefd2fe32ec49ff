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
import org.contributionledger.query.directory.FindCommunity;
import org.contributionledger.query.reciprocity.Flow;
import org.contributionledger.query.reciprocity.Role;
import org.contributionledger.query.reputation.FindLeaderboard;
import org.contributionledger.query.reputation.Leaderboard;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads a community's network: members with their influence (the reputation snapshot the
 * leaderboard answers from) and reciprocity (confirmed acts, as the reciprocity endpoint counts
 * them), trust ties and confirmed gifts summed per giver, receiver and category. It is held in
 * memory while written: its size is the network's (members and distinct ties), not the history's.
 */
public class NetworkExport {

    private final JdbcTemplate jdbc;
    private final QueryGateway queries;

    public NetworkExport(JdbcTemplate jdbc, QueryGateway queries) {
        this.jdbc = jdbc;
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
        Map<String, Flow> given = flows(communityId, "giver");
        Map<String, Flow> received = flows(communityId, "receiver");
        List<Node> nodes = jdbc.query("SELECT member_id, display_name FROM directory_member WHERE community_id = ?"
                + " ORDER BY member_id", (row, number) -> {
                    String id = row.getString(1);
                    Flow gave = given.getOrDefault(id, Flow.NONE);
                    Flow got = received.getOrDefault(id, Flow.NONE);
                    return new Node(id, row.getString(2), influence.get(id), gave, got, Role.of(gave, got, thresholds));
                }, communityId);
        List<Edge> edges = new ArrayList<>(jdbc.query("SELECT truster, trustee, trust_level, category FROM trust_view"
                        + " WHERE community_id = ? ORDER BY truster, trustee, category",
                (row, number) -> new Edge(row.getString(1), row.getString(2), "trust", BigDecimal.valueOf(row.getInt(3)), 1,
                        row.getString(4)), communityId));
        edges.addAll(jdbc.query("SELECT giver, receiver, SUM(act_value), COUNT(*), category FROM contribution_view"
                        + " WHERE community_id = ? AND status = 'CONFIRMED' GROUP BY giver, receiver, category"
                        + " ORDER BY giver, receiver, category",
                (row, number) -> new Edge(row.getString(1), row.getString(2), "gift",
                        row.getBigDecimal(3).stripTrailingZeros(), row.getLong(4), row.getString(5)), communityId));
        return new Graph(communityId, nodes, edges);
    }

    private Map<String, Flow> flows(String communityId, String side) {
        Map<String, Flow> flows = new LinkedHashMap<>();
        jdbc.query("SELECT " + side + ", COUNT(*), SUM(act_value) FROM contribution_view"
                + " WHERE community_id = ? AND status = 'CONFIRMED' GROUP BY " + side,
                row -> {
                    flows.put(row.getString(1), new Flow(row.getLong(2), row.getBigDecimal(3)));
                }, communityId);
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
