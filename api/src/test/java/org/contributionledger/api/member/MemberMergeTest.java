package org.contributionledger.api.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Merging two members over HTTP. The oracle of the figures is a second ledger in which the same acts
 * and trust were recorded under one member from the start: after the merge, the staying member's
 * statement, every member's reciprocity and every member's reputation equal that ledger's.
 */
class MemberMergeTest extends LedgerApiTest {

    private static final List<String> MEMBERS = List.of("ada", "bob", "cy", "dan");
    /** An act between the two merged members: in the merged ledger only (nobody can give to themself). */
    private static final String BETWEEN_THE_TWO = "a-between";

    @Test
    void afterAMergeTheFiguresEqualThoseOfOneMemberFromTheStart() throws InterruptedException {
        Community merged = admin.createCommunity(unique("merged"), "Merged");
        Community single = admin.createCommunity(unique("single"), "Single");
        LedgerClient platform = merged.client();
        String c = merged.id();
        play(merged, "ada2");
        play(single, "ada");
        // Only in the merged ledger: what ada and ada2 did between them becomes what ada did to herself.
        platform.record(c, Act.of(BETWEEN_THE_TWO, "ada", "ada2").recordedByReceiver()).expect(201);
        platform.declareTrust(c, "ada", "ada2", 9).expect(200);
        Instant beforeMerge = Instant.now();
        Thread.sleep(20);
        long eventsBefore = events.forCommunity(c);

        JsonNode answer = platform.post("/communities/" + c + "/members/ada/merge", Map.of("mergedMemberId", "ada2"))
                .expect(200).json();
        assertThat(answer.path("memberId").asText()).isEqualTo("ada");
        assertThat(answer.path("mergedInto").isNull()).isTrue();
        assertThat(platform.member(c, "ada2").expect(200).text("/mergedInto")).isEqualTo("ada");
        assertThat(events.forCommunity(c)).isEqualTo(eventsBefore + 1);
        // The same merge again is a retry: same answer, nothing recorded.
        platform.post("/communities/" + c + "/members/ada/merge", Map.of("mergedMemberId", "ada2")).expect(200);
        assertThat(events.forCommunity(c)).isEqualTo(eventsBefore + 1);

        // The act ada2 received while pending is ada's to confirm now, in both ledgers.
        platform.confirm(c, "a-pending", "ada").expect(200);
        single.client().confirm(single.id(), "a-pending", "ada").expect(200);

        // Statements: the same acts by id, seen the same way, and the act between the two once, as given.
        Map<String, JsonNode> mergedStatement = statement(platform, c, "ada");
        Map<String, JsonNode> singleStatement = statement(single.client(), single.id(), "ada");
        JsonNode between = mergedStatement.remove(BETWEEN_THE_TWO);
        assertThat(between.path("direction").asText()).isEqualTo("GIVEN");
        assertThat(mergedStatement).isEqualTo(singleStatement).containsKeys("a-2", "a-3", "a-6", "a-pending");
        for (String member : MEMBERS) {
            assertThat(reciprocity(platform, c, member)).as("reciprocity of " + member)
                    .isEqualTo(reciprocity(single.client(), single.id(), member));
        }
        assertThat(pairwise(platform, c, "ada", "bob")).isEqualTo(pairwise(single.client(), single.id(), "ada", "bob"));

        // Reputation: every member's score, to 1e-9, and the same ranks.
        JsonNode mergedBoard = upToDate(platform, "/communities/" + c + "/leaderboard");
        JsonNode singleBoard = upToDate(single.client(), "/communities/" + single.id() + "/leaderboard");
        assertThat(mergedBoard.path("total").asInt()).isEqualTo(singleBoard.path("total").asInt()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            JsonNode one = mergedBoard.at("/entries/" + i);
            JsonNode other = singleBoard.at("/entries/" + i);
            assertThat(one.path("memberId").asText()).isEqualTo(other.path("memberId").asText());
            assertThat(one.path("score").asDouble()).as(one.path("memberId").asText())
                    .isCloseTo(other.path("score").asDouble(), within(1e-9));
        }
        for (String member : MEMBERS) {
            JsonNode one = upToDate(platform, "/communities/" + c + "/members/" + member + "/reputation");
            JsonNode other = upToDate(single.client(), "/communities/" + single.id() + "/members/" + member + "/reputation");
            for (String part : List.of("/influence", "/byCategory", "/breadth", "/reach", "/character", "/scoreParts")) {
                assertAlike(member + part, one.at(part), other.at(part));
            }
        }
        platform.get("/communities/" + c + "/members/ada2/reputation").expectProblem(404, "not-found");
        assertThat(trustOf(platform, c, "cy", "ada")).as("the most recent of cy's two declarations").isEqualTo(7);
        assertThat(trustOf(platform, c, "ada", "bob")).as("ada2's, more recent than ada's").isEqualTo(5);

        // As of a moment before the merge, the two are still two.
        String asOf = "?asOf=" + beforeMerge;
        JsonNode pastBoard = platform.get("/communities/" + c + "/leaderboard" + asOf).expect(200).json();
        assertThat(pastBoard.path("total").asInt()).isEqualTo(5);
        JsonNode pastStatement = platform.get("/communities/" + c + "/members/ada2/statement" + asOf).expect(200).json();
        assertThat(pastStatement.findValuesAsText("contributionId")).contains("a-2", "a-3", BETWEEN_THE_TWO)
                .doesNotContain("a-1");
        JsonNode pastAda = platform.get("/communities/" + c + "/members/ada/statement" + asOf).expect(200).json();
        assertThat(pastAda.findValuesAsText("contributionId")).contains("a-1", BETWEEN_THE_TWO).doesNotContain("a-2");
        assertThat(platform.get("/communities/" + c + "/members/ada2/reciprocity" + asOf).expect(200)
                .at("/given/count").asLong()).isPositive();

        // The merge is in the export, under both members, and the history still verifies.
        events.awaitChained();
        String export = platform.get("/communities/" + c + "/export/events?member=ada2").expect(200).body();
        assertThat(export).contains("MembersMerged");
        assertThat(platform.get("/communities/" + c + "/export/events?member=ada").expect(200).body())
                .contains("MembersMerged");
        JsonNode verified = admin.post("/audit/verify", Map.of()).expect(200).json();
        assertThat(verified.path("status").asText()).as(verified.toString()).isEqualTo("intact");
    }

    /**
     * The same history in both ledgers, but for {@code ada2}: a second member in one, ada herself in
     * the other. Node order matters to nothing but is kept alike: ada2 is registered right after ada.
     */
    private static void play(Community community, String ada2) {
        LedgerClient platform = community.client();
        String c = community.id();
        platform.registerMember(c, "ada", "Ada").expect(201);
        if (!ada2.equals("ada")) {
            platform.registerMember(c, ada2, "Ada on GitHub").expect(201);
        }
        for (String member : List.of("bob", "cy", "dan")) {
            platform.registerMember(c, member, member).expect(201);
        }
        platform.record(c, Act.of("a-1", "ada", "bob").value(3).recordedByReceiver()).expect(201);
        platform.record(c, Act.of("a-2", ada2, "cy").value(2).category("advice").recordedByReceiver()).expect(201);
        platform.record(c, Act.of("a-3", "bob", ada2).value(5).recordedByReceiver()).expect(201);
        platform.record(c, Act.of("a-4", "cy", "ada").value(4).recordedByReceiver()).expect(201);
        platform.record(c, Act.of("a-5", "dan", "bob").value(1).recordedByReceiver()).expect(201);
        platform.record(c, Act.of("a-6", ada2, "bob").value(1.5).recordedByReceiver()).expect(201);
        platform.record(c, Act.of("a-pending", "dan", ada2).value(2)).expect(201);
        platform.declareTrust(c, "cy", "ada", 2).expect(200);
        platform.declareTrust(c, "ada", "bob", 1).expect(200);
        platform.declareTrust(c, "bob", ada2, 6).expect(200);
        platform.declareTrust(c, ada2, "cy", 4).expect(200);
        platform.declareTrust(c, "ada", "dan", 3).expect(200);
        platform.declareTrust(c, "dan", "ada", -2).expect(200);
        platform.declareTrust(c, "cy", ada2, 7).expect(200);
        platform.declareTrust(c, ada2, "bob", 5).expect(200);
    }

    @Test
    void eachRuleOfMergingIsRefusedByName() {
        Community community = admin.createCommunity(unique("rules"), "Rules");
        Community other = admin.createCommunity(unique("other"), "Other");
        LedgerClient platform = community.client();
        String c = community.id();
        for (String member : List.of("ada", "ada2", "bob", "eve", "max")) {
            platform.registerMember(c, member, member).expect(201);
        }
        other.client().registerMember(other.id(), "zed", "Zed").expect(201);
        platform.post("/communities/" + c + "/members/eve/erasure", Map.of()).expect(200);
        long before = events.forCommunity(c);

        merge(platform, c, "ada", "ada").expectProblem(422, "member-cannot-merge-into-itself");
        merge(platform, c, "nobody", "ada2").expectProblem(422, "unknown-member");
        merge(platform, c, "zed", "ada2").expectProblem(422, "unknown-member");
        merge(platform, c, "ada", "nobody").expectProblem(422, "unknown-member");
        merge(platform, c, "ada", "eve").expectProblem(422, "member-was-erased");
        merge(platform, c, "eve", "ada2").expectProblem(422, "member-was-erased");
        platform.post("/communities/" + c + "/members/ada/merge", Map.of()).expectProblem(400, "invalid-request");
        assertThat(events.forCommunity(c)).as("nothing recorded by a refusal").isEqualTo(before);

        merge(platform, c, "ada", "ada2").expect(200);
        Reply again = merge(platform, c, "bob", "ada2").expectProblem(422, "member-was-merged");
        assertThat(again.text("/mergedInto")).isEqualTo("ada");
        merge(platform, c, "ada2", "max").expectProblem(422, "member-was-merged");
        assertThat(events.forCommunity(c)).isEqualTo(before + 1);
    }

    @Test
    void aMergedAwayMemberCanNoLongerAct() {
        Community community = admin.createCommunity(unique("gone"), "Gone");
        LedgerClient platform = community.client();
        String c = community.id();
        for (String member : List.of("ada", "ada2", "bob")) {
            platform.registerMember(c, member, member).expect(201);
        }
        platform.record(c, Act.of("open", "bob", "ada2")).expect(201);
        merge(platform, c, "ada", "ada2").expect(200);
        long before = events.forCommunity(c);

        platform.record(c, Act.of("as-giver", "ada2", "bob")).expectProblem(422, "member-was-merged");
        platform.record(c, Act.of("as-receiver", "bob", "ada2")).expectProblem(422, "member-was-merged");
        JsonNode batch = platform.recordBatch(c, List.of(Act.of("in-batch", "ada2", "bob"))).expect(200).json();
        assertThat(batch.at("/results/0/problem/type").asText()).endsWith("member-was-merged");
        assertThat(batch.at("/results/0/problem/mergedInto").asText()).isEqualTo("ada");
        platform.declareTrust(c, "ada2", "bob", 3).expectProblem(422, "member-was-merged");
        platform.declareTrust(c, "bob", "ada2", 3).expectProblem(422, "member-was-merged");
        platform.withdrawTrust(c, "bob", "ada2").expectProblem(422, "member-was-merged");
        platform.confirm(c, "open", "ada2").expectProblem(422, "member-was-merged");
        platform.patch("/communities/" + c + "/members/ada2", Map.of("displayName", "Other")).expectProblem(422,
                "member-was-merged");
        platform.post("/communities/" + c + "/members/ada2/suspend", Map.of()).expectProblem(422, "member-was-merged");
        assertThat(events.forCommunity(c)).as("nothing recorded by a refusal").isEqualTo(before);
        // The member the receiver was merged into confirms in their place.
        platform.confirm(c, "open", "ada").expect(200);
    }

    /** The same JSON, numbers to 1e-9 (the solver stops within 1e-10 of its fixed point). */
    private static void assertAlike(String where, JsonNode actual, JsonNode expected) {
        if (expected.isNumber() && actual.isNumber()) {
            assertThat(actual.asDouble()).as(where).isCloseTo(expected.asDouble(), within(1e-9));
        } else if (expected.isContainerNode()) {
            assertThat(actual.size()).as(where).isEqualTo(expected.size());
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) {
                    assertAlike(where + "/" + i, actual.get(i), expected.get(i));
                }
            } else {
                expected.fieldNames().forEachRemaining(name -> assertAlike(where + "/" + name, actual.path(name),
                        expected.get(name)));
            }
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    private static Reply merge(LedgerClient platform, String c, String staying, String merged) {
        return platform.post("/communities/" + c + "/members/" + staying + "/merge", Map.of("mergedMemberId", merged));
    }

    /** The member's statement by act id, each entry without the ids it was recorded under (they differ by design). */
    private static Map<String, JsonNode> statement(LedgerClient platform, String c, String member) {
        JsonNode entries = platform.statement(c, member, null, 100).expect(200).at("/entries");
        Map<String, JsonNode> byId = new TreeMap<>();
        for (JsonNode entry : entries) {
            ObjectNode seen = ((ObjectNode) entry.deepCopy());
            seen.remove(List.of("giver", "receiver", "recordedAt"));
            byId.put(entry.path("contributionId").asText(), seen);
        }
        return byId;
    }

    private static JsonNode reciprocity(LedgerClient platform, String c, String member) {
        ObjectNode answer = (ObjectNode) platform.reciprocity(c, member).expect(200).json();
        answer.remove("communityId");
        return answer;
    }

    private static JsonNode pairwise(LedgerClient platform, String c, String a, String b) {
        ObjectNode answer = (ObjectNode) platform.pairwise(c, a, b).expect(200).json();
        answer.remove("communityId");
        return answer;
    }

    private static int trustOf(LedgerClient platform, String c, String truster, String trustee) {
        return platform.get("/communities/" + c + "/trust/" + truster + "/" + trustee).expect(200).at("/level").asInt();
    }

    /** Reputation follows writes in the background; its freshness says when an answer includes them all. */
    private static JsonNode upToDate(LedgerClient platform, String path) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode answer;
        do {
            answer = platform.get(path).expect(200).json();
            if (answer.at("/freshness/upToDate").asBoolean()) {
                return answer;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Reputation did not catch up within 30 s: " + answer);
    }
}
