package org.contributionledger.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.directory.FindCommunity;
import org.contributionledger.query.directory.FindMemberIdentities;
import org.contributionledger.query.directory.FindMembers;
import org.contributionledger.query.history.HistoricalViews;
import org.contributionledger.query.reciprocity.FindPairwiseReciprocity;
import org.contributionledger.query.reciprocity.FindReciprocity;
import org.contributionledger.query.reciprocity.ReciprocityQueries;
import org.contributionledger.query.statement.FindContributions;
import org.contributionledger.query.statement.FindStatement;
import org.contributionledger.query.statement.StatementQueries;
import org.contributionledger.query.stats.FindCommunityStats;
import org.contributionledger.query.stats.StatsQueries;
import org.contributionledger.query.trust.FindTrustTies;
import org.contributionledger.query.trust.TrustDirection;
import org.contributionledger.query.trust.TrustViewProjection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The views of the past: record history, capture what the live views answer, record more
 * (revocations, a correction, trust changed and withdrawn, a rename, a suspension, new settings,
 * and another community's events in between), and the views built {@code at} the captured position
 * answer exactly the captured answers, row for row.
 */
class HistoricalViewsTest extends LedgerApiTest {

    /** Every view table with its key columns: dumped per community in key order. */
    private static final Map<String, String> VIEW_TABLES = Map.of(
            "directory_community", "community_id",
            "directory_member", "member_id",
            "directory_identity", "platform, platform_user_id",
            "directory_api_key", "key_sha256",
            "contribution_view", "contribution_id",
            "trust_view", "truster, trustee, category");

    @Autowired
    private HistoricalViews historicalViews;

    @Autowired
    private ObjectMapper json;

    @Test
    void theViewsAtACapturedPositionAnswerWhatTheLiveViewsAnsweredThen() {
        Community community = admin.createCommunity(unique("hist"), "History");
        String c = community.id();
        LedgerClient platform = community.client();
        // Another community whose member id is this community's id: its aggregate identifiers end
        // in "/<c>", which the reader must not take for this community's events.
        Community other = admin.createCommunity(unique("other"), "Other");
        other.client().registerMember(other.id(), c, "Namesake").expect(201);

        for (String member : List.of("alice", "bob", "carol")) {
            platform.registerMember(c, member, member + " first name").expect(201);
        }
        platform.record(c, Act.of("act-1", "alice", "bob").value(10)).expect(201);
        platform.record(c, Act.of("act-2", "bob", "alice").value(3).recordedByReceiver()).expect(201);
        platform.record(c, Act.of("act-3", "carol", "alice").value(7)).expect(201);
        platform.confirm(c, "act-1", "bob").expect(200);
        platform.dispute(c, "act-3", "alice", "Never happened").expect(200);
        platform.declareTrust(c, "alice", "bob", 3).expect(200);
        platform.declareTrust(c, "bob", "carol", -1).expect(200);
        other.client().registerMember(other.id(), "dave", "Dave").expect(201);
        platform.put(identity(c, "alice", "github/1"), Map.of("login", "alice")).expect(201);
        platform.put(identity(c, "carol", "discourse/3"), Map.of("login", "carol")).expect(201);

        long captured = head();
        Answers then = answers(jdbc, c);
        other.client().record(other.id(), Act.of("o-1", "dave", c).value(1)).expect(201);
        long otherCommunityOnly = head();

        platform.record(c, Act.of("act-4", "alice", "carol").value(2)).expect(201);
        platform.revoke(c, "act-4", "alice", "Mistake").expect(200);
        platform.revoke(c, "act-3", "carol", "Withdrawn").expect(200);
        platform.post("/communities/" + c + "/contributions/act-1/corrections",
                Map.of("by", "alice", "value", 4, "category", "advice", "reason", "Counted twice")).expect(200);
        platform.post("/communities/" + c + "/contributions/act-1/corrections/accept", Map.of("by", "bob"))
                .expect(200);
        platform.declareTrust(c, "alice", "bob", 1).expect(200);
        platform.withdrawTrust(c, "bob", "carol").expect(204);
        platform.patch("/communities/" + c + "/members/alice", Map.of("displayName", "Alice renamed")).expect(200);
        platform.post("/communities/" + c + "/members/carol/suspend", Map.of("reason", "Away")).expect(200);
        admin.put("/communities/" + c + "/settings", Map.of("categories", List.of("help", "advice", "care")))
                .expect(200);
        platform.put(identity(c, "alice", "github/1"), Map.of("login", "alice-2")).expect(200);
        platform.delete(identity(c, "carol", "discourse/3")).expect(204);
        platform.put(identity(c, "bob", "slack/U2"), Map.of("login", "U2")).expect(201);
        other.client().confirm(other.id(), "o-1", c).expect(200);
        Answers now = answers(jdbc, c);
        assertThat(now).isNotEqualTo(then);

        assertThat(answers(historicalViews.at(c, captured), c)).isEqualTo(then);
        assertThat(answers(historicalViews.at(c, head()), c)).isEqualTo(now);
        // A position between two of the community's events shows the views after the earlier one.
        assertThat(answers(historicalViews.at(c, otherCommunityOnly), c)).isEqualTo(then);
        assertThat(answers(historicalViews.at(c, 0), c).tables().values()).allMatch(List::isEmpty);
    }

    private static String identity(String c, String member, String platformAndUserId) {
        return "/communities/" + c + "/members/" + member + "/identities/" + platformAndUserId;
    }

    private long head() {
        return jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
    }

    /** What the query classes answer over the given views, and every view row of the community. */
    private Answers answers(JdbcTemplate views, String c) {
        DirectoryProjection directory = new DirectoryProjection(views, json);
        StatementQueries statements = new StatementQueries(views);
        ReciprocityQueries reciprocity = new ReciprocityQueries(views, directory);
        TrustViewProjection trust = new TrustViewProjection(views);
        List<Object> answers = new ArrayList<>();
        answers.add(directory.handle(new FindCommunity(c)));
        answers.add(directory.handle(new FindMembers(c, null, null, 100)));
        answers.add(statements.handle(new FindContributions(c, null, null, null, null, null, null, 100)));
        answers.add(new StatsQueries(views, directory).handle(new FindCommunityStats(c)));
        for (String member : List.of("alice", "bob", "carol")) {
            answers.add(statements.handle(new FindStatement(c, member, null, 100)));
            answers.add(reciprocity.handle(new FindReciprocity(c, member)));
            answers.add(trust.handle(new FindTrustTies(c, member, TrustDirection.OUT, null, 100)));
            answers.add(trust.handle(new FindTrustTies(c, member, TrustDirection.IN, null, 100)));
            answers.add(directory.handle(new FindMemberIdentities(c, member)));
        }
        answers.add(reciprocity.handle(new FindPairwiseReciprocity(c, "alice", "bob")));
        Map<String, List<Map<String, Object>>> tables = new java.util.TreeMap<>();
        VIEW_TABLES.forEach((table, key) -> tables.put(table, views.queryForList(
                "SELECT * FROM " + table + " WHERE community_id = ? ORDER BY " + key, c)));
        return new Answers(answers, tables);
    }

    private record Answers(List<Object> queries, Map<String, List<Map<String, Object>>> tables) {
    }
}
