package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Platforms retry. A retry records nothing twice and says it was a retry (200 with what is stored,
 * where the first answer was 201); a different request under a taken id is a conflict.
 */
class IdempotencyTest extends LedgerApiTest {

    private Community community;
    private LedgerClient platform;
    private String c;

    @BeforeEach
    void community() {
        community = admin.createCommunity(unique("retry"), "Retries");
        platform = community.client();
        c = community.id();
        platform.registerMember(c, "alice", "Alice").expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);
    }

    @Test
    void theSameActUnderTheSameIdIsRecordedOnceAndTheRetryAnswers200WithTheStoredAct() {
        Act act = Act.of("gift-1", "alice", "bob").value(12);
        Reply first = platform.record(c, act).expect(201);
        assertThat(first.text("/status")).isEqualTo("PENDING");
        Reply retry = platform.record(c, act).expect(200);
        // Equal up to representation: the same value written differently, the same text with stray spaces.
        Reply sameActWrittenDifferently = platform.record(c, act.value(new BigDecimal("12.000"))
                .description("  Helped move house  ")).expect(200);

        Reply stored = platform.contribution(c, "gift-1").expect(200);
        assertThat(retry.json()).isEqualTo(stored.json());
        assertThat(sameActWrittenDifferently.json()).isEqualTo(stored.json());
        assertThat(retry.text("/contributionId")).isEqualTo("gift-1");
        assertThat(retry.at("/value").decimalValue()).isEqualByComparingTo("12");
        assertThat(retry.text("/status")).isEqualTo("PENDING");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(events.forAggregate("contribution/" + c + "/gift-1")).isEqualTo(1);
        assertThat(platform.statement(c, "alice", null, null).at("/entries").size()).isEqualTo(1);
    }

    @Test
    void anotherActUnderATakenIdIsAConflictAndChangesNothing() {
        platform.record(c, Act.of("gift-2", "alice", "bob").value(12)).expect(201);
        long before = events.forCommunity(c);

        Reply otherValue = platform.record(c, Act.of("gift-2", "alice", "bob").value(13))
                .expectProblem(409, "contribution-id-conflict");
        assertThat(otherValue.at("/differingFields")).extracting(JsonNode::asText).containsExactly("value");
        Reply swapped = platform.record(c, Act.of("gift-2", "bob", "alice").value(12))
                .expectProblem(409, "contribution-id-conflict");
        assertThat(swapped.at("/differingFields")).extracting(JsonNode::asText).containsExactly("giver", "receiver");
        platform.record(c, Act.of("gift-2", "alice", "bob").value(12).recordedByReceiver())
                .expectProblem(409, "contribution-id-conflict");
        platform.record(c, Act.of("gift-2", "alice", "bob").value(12).description("Something else"))
                .expectProblem(409, "contribution-id-conflict");

        assertThat(events.forCommunity(c)).isEqualTo(before);
        assertThat(events.forAggregate("contribution/" + c + "/gift-2")).isEqualTo(1);
        assertThat(platform.contribution(c, "gift-2").at("/value").decimalValue()).isEqualByComparingTo("12");
    }

    @Test
    void registeringAMemberAgainWithTheSameNameIsARetryAndWithAnotherNameAConflict() {
        Reply first = platform.registerMember(c, "carol", "Carol").expect(201);
        Reply retry = platform.registerMember(c, "carol", "Carol").expect(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(events.forAggregate("member/" + c + "/carol")).isEqualTo(1);

        platform.registerMember(c, "carol", "Caroline").expectProblem(409, "member-already-registered");
        assertThat(events.forAggregate("member/" + c + "/carol")).isEqualTo(1);
        assertThat(platform.member(c, "carol").text("/displayName")).isEqualTo("Carol");
    }

    @Test
    void repeatingAStateChangeRecordsItOnce() {
        platform.record(c, Act.of("gift-3", "alice", "bob")).expect(201);
        platform.confirm(c, "gift-3", "bob").expect(200);
        platform.confirm(c, "gift-3", "bob").expect(200);
        assertThat(events.ofType("contribution/" + c + "/gift-3", "ContributionConfirmed")).isEqualTo(1);

        platform.post("/communities/" + c + "/members/bob/suspend", Map.of("reason", "away")).expect(200);
        platform.post("/communities/" + c + "/members/bob/suspend", Map.of("reason", "away")).expect(200);
        platform.post("/communities/" + c + "/members/bob/reinstate", null).expect(200);
        platform.post("/communities/" + c + "/members/bob/reinstate", null).expect(200);
        platform.patch("/communities/" + c + "/members/bob", Map.of("displayName", "Bob")).expect(200);
        assertThat(events.payloadTypes("member/" + c + "/bob"))
                .containsExactly("MemberRegistered", "MemberSuspended", "MemberReinstated");
    }

    @Test
    void declaringTheSameTrustTwiceRecordsOneDeclaration() {
        String trust = "trust/" + c + "/alice/bob/*";
        Reply first = platform.put("/communities/" + c + "/trust/alice/bob", Map.of("level", 4, "note", "Kind"))
                .expect(200);
        Reply retry = platform.put("/communities/" + c + "/trust/alice/bob", Map.of("level", 4, "note", "Kind"))
                .expect(200);
        assertThat(retry.at("/level")).isEqualTo(first.at("/level"));
        assertThat(events.ofType(trust, "TrustDeclared")).isEqualTo(1);

        platform.put("/communities/" + c + "/trust/alice/bob", Map.of("level", 6, "note", "Kind")).expect(200);
        assertThat(events.ofType(trust, "TrustDeclared")).as("a changed level is a new declaration").isEqualTo(2);

        platform.withdrawTrust(c, "alice", "bob").expect(204);
        platform.withdrawTrust(c, "alice", "bob").expect(204);
        assertThat(events.ofType(trust, "TrustWithdrawn")).isEqualTo(1);
    }

    @Test
    void aRetriedBatchRecordsNothingNewAndAnswersTheSame() {
        List<Act> batch = List.of(
                Act.of("b-1", "alice", "bob"),
                Act.of("b-2", "bob", "alice").recordedByReceiver(),
                Act.of("b-3", "alice", "nobody"),
                Act.of("b-4", "alice", "bob").value(-1));
        Reply first = platform.recordBatch(c, batch).expect(200);
        assertThat(first.at("/recorded").asLong()).isEqualTo(2);
        assertThat(first.at("/rejected").asLong()).isEqualTo(2);
        long afterFirst = events.forCommunity(c);

        assertThat(first.at("/alreadyRecorded").asLong()).isZero();
        assertThat(first.at("/results")).extracting(r -> r.path("alreadyRecorded").asBoolean())
                .containsExactly(false, false, false, false);

        Reply retry = platform.recordBatch(c, batch).expect(200);
        assertThat(retry.at("/results")).extracting(r -> r.path("outcome").asText())
                .containsExactly("recorded", "recorded", "rejected", "rejected");
        assertThat(retry.at("/results")).extracting(r -> r.path("alreadyRecorded").asBoolean())
                .as("each retried item says it was stored before").containsExactly(true, true, false, false);
        assertThat(retry.at("/results/0/status").asText()).isEqualTo("PENDING");
        assertThat(retry.at("/recorded")).isEqualTo(first.at("/recorded"));
        assertThat(retry.at("/alreadyRecorded").asLong()).isEqualTo(2);
        assertThat(events.forCommunity(c)).isEqualTo(afterFirst);

        // Acts of a batch and single acts share one id space.
        platform.record(c, Act.of("b-1", "alice", "bob")).expect(200);
        platform.record(c, Act.of("b-1", "alice", "bob").value(99)).expectProblem(409, "contribution-id-conflict");
        assertThat(events.forCommunity(c)).isEqualTo(afterFirst);
    }

    @Test
    void withinOneBatchARepeatedIdIsARetryAndAConflictingOneIsRejected() {
        Act act = Act.of("dup", "alice", "bob");
        Reply reply = platform.recordBatch(c, List.of(
                act.with("receiver", "nobody"),   // refused: rolls back alone and leaves the id free
                act,
                act,
                act.value(6))).expect(200);

        assertThat(reply.at("/results")).extracting(r -> r.path("outcome").asText())
                .containsExactly("rejected", "recorded", "recorded", "rejected");
        assertThat(reply.at("/results/0/problem/type").asText()).endsWith("unknown-member");
        assertThat(reply.at("/results/3/problem/type").asText()).endsWith("contribution-id-conflict");
        assertThat(events.forAggregate("contribution/" + c + "/dup")).isEqualTo(1);
        assertThat(platform.contribution(c, "dup").text("/receiver")).isEqualTo("bob");
    }

    @Test
    void aRetriedMemberBatchRegistersNobodyTwice() {
        List<Map<String, String>> members = List.of(
                Map.of("id", "carol", "displayName", "Carol"),
                Map.of("id", "alice", "displayName", "Alice"),
                Map.of("id", "bob", "displayName", "Robert"),
                Map.of("id", "bad id", "displayName", "Bad"));
        Reply first = platform.post("/communities/" + c + "/members/batch", Map.of("members", members)).expect(200);
        assertThat(first.at("/results")).extracting(r -> r.path("outcome").asText())
                .containsExactly("recorded", "recorded", "rejected", "rejected");
        assertThat(first.at("/results/2/problem/type").asText()).endsWith("member-already-registered");
        long afterFirst = events.forCommunity(c);

        Reply retry = platform.post("/communities/" + c + "/members/batch", Map.of("members", members)).expect(200);
        assertThat(retry.at("/results")).extracting(r -> r.path("outcome").asText())
                .isEqualTo(List.of("recorded", "recorded", "rejected", "rejected"));
        assertThat(first.at("/results")).extracting(r -> r.path("alreadyRecorded").asBoolean())
                .as("alice was registered before the batch").containsExactly(false, true, false, false);
        assertThat(retry.at("/results")).extracting(r -> r.path("alreadyRecorded").asBoolean())
                .containsExactly(true, true, false, false);
        assertThat(events.forCommunity(c)).isEqualTo(afterFirst);
        assertThat(events.forAggregate("member/" + c + "/carol")).isEqualTo(1);
    }

    @Test
    void replayingATrustHistoryRecordsItOnceAndNeverRollsATieBack() {
        List<Map<String, Object>> history = List.of(
                Map.of("truster", "alice", "trustee", "bob", "level", 2, "declaredAt", "2024-01-01T00:00:00Z"),
                Map.of("truster", "alice", "trustee", "bob", "level", 5, "declaredAt", "2024-02-01T00:00:00Z"),
                Map.of("truster", "bob", "trustee", "alice", "level", -1, "declaredAt", "2024-01-15T00:00:00Z"));
        String trust = "trust/" + c + "/alice/bob/*";
        Reply first = platform.post("/communities/" + c + "/trust/batch", Map.of("declarations", history)).expect(200);
        assertThat(first.at("/recorded").asLong()).isEqualTo(3);
        assertThat(events.ofType(trust, "TrustDeclared")).isEqualTo(2);
        long afterFirst = events.forCommunity(c);

        platform.post("/communities/" + c + "/trust/batch", Map.of("declarations", history)).expect(200);
        platform.post("/communities/" + c + "/trust/batch", Map.of("declarations", List.of(history.get(0))))
                .expect(200);
        assertThat(events.forCommunity(c)).as("a replayed or late declaration changes nothing").isEqualTo(afterFirst);
        assertThat(platform.stats(c).at("/positiveTrustDeclarations").asLong()).isEqualTo(1);
        assertThat(platform.stats(c).at("/negativeTrustDeclarations").asLong()).isEqualTo(1);
    }

    @Test
    void aCommunityIsCreatedOnceItsKeyShownOnce() {
        admin.post("/communities", Map.of("id", c, "name", "Retries")).expectProblem(409, "community-already-exists");
        assertThat(events.forAggregate("community/" + c)).isEqualTo(2);
        platform.get("/communities/" + c).expect(200);
    }
}
