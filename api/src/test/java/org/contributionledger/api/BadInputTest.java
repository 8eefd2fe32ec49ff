package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Refusals, one by one: each bad request gets the right status and problem, and records nothing. */
class BadInputTest extends LedgerApiTest {

    private Community community;
    private LedgerClient platform;
    private String c;
    private long eventsBefore;

    @BeforeEach
    void community() {
        community = admin.createCommunity(unique("bad-input"), "Bad input");
        platform = community.client();
        c = community.id();
        platform.registerMember(c, "alice", "Alice").expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);
        eventsBefore = events.total();
    }

    private void nothingRecorded() {
        assertThat(events.total()).as("events recorded by refused requests").isEqualTo(eventsBefore);
    }

    private String contributions() {
        return "/communities/" + c + "/contributions";
    }

    @Test
    void malformedJsonIsA400() {
        for (String body : List.of("{", "{\"id\": }", "not json", "{'id':'x'}", "{\"id\":\"x\",}", "[1,2", "\"unterminated")) {
            platform.raw("POST", contributions(), body, "application/json").expectProblem(400, null);
        }
        platform.raw("POST", contributions(), "{\"id\": \"x\"", "application/json").expectProblem(400, "malformed-json");
        platform.raw("POST", "/communities/" + c + "/members", "{{}}", "application/json")
                .expectProblem(400, "malformed-json");
        platform.raw("PUT", "/communities/" + c + "/trust/alice/bob", "level=3", "application/json")
                .expectProblem(400, "malformed-json");
        nothingRecorded();
    }

    @Test
    void aMissingBodyIsA400() {
        platform.raw("POST", contributions(), null, "application/json").expectProblem(400, "invalid-request");
        platform.raw("POST", contributions(), "", "application/json").expectProblem(400, "invalid-request");
        platform.raw("POST", contributions(), "null", "application/json").expectProblem(400, "invalid-request");
        platform.raw("POST", contributions() + "/batch", "", "application/json").expectProblem(400, "invalid-request");
        nothingRecorded();
    }

    /**
     * Found by {@code BadInputProperties}: suspending takes an optional body (the reason), so no
     * body at all, or an empty one, is an ordinary suspension; a body that is there but is not JSON
     * is still refused. The property's oracle had assumed every endpoint with a body requires one.
     */
    @Test
    void suspendingWithoutABodySucceedsButANonJsonBodyIsA400() {
        String suspend = "/communities/" + c + "/members/alice/suspend";
        platform.raw("POST", suspend, "", "application/json").expect(200);
        platform.raw("POST", "/communities/" + c + "/members/bob/suspend", null, "application/json").expect(200);
        for (String body : List.of("not json", "{", " x ", "\"unterminated", "   ", "\n")) {
            platform.raw("POST", suspend, body, "application/json").expectProblem(400, null);
        }
        assertThat(platform.member(c, "alice").expect(200).at("/active").asBoolean()).isFalse();
    }

    @Test
    void aWrongTypeIsA400NamingTheField() {
        JsonNode value = platform.record(c, Act.of("w-1", "alice", "bob").value("five")).expectProblem(400, "invalid-request").json();
        assertThat(value.path("field").asText()).isEqualTo("value");

        JsonNode occurredAt = platform.record(c, Act.of("w-2", "alice", "bob").occurredAt("yesterday"))
                .expectProblem(400, "invalid-request").json();
        assertThat(occurredAt.path("field").asText()).isEqualTo("occurredAt");

        JsonNode recordedBy = platform.record(c, Act.of("w-3", "alice", "bob").with("recordedBy", "SOMEONE"))
                .expectProblem(400, "invalid-request").json();
        assertThat(recordedBy.path("field").asText()).isEqualTo("recordedBy");

        JsonNode giver = platform.record(c, Act.of("w-4", "alice", "bob").with("giver", Map.of("id", "alice")))
                .expectProblem(400, "invalid-request").json();
        assertThat(giver.path("field").asText()).isEqualTo("giver");

        JsonNode inBatch = platform.recordBatch(c, List.of(Act.of("w-5", "alice", "bob"),
                Act.of("w-6", "alice", "bob").value(List.of(1)))).expectProblem(400, "invalid-request").json();
        assertThat(inBatch.path("field").asText()).isEqualTo("contributions[1].value");

        JsonNode level = platform.put("/communities/" + c + "/trust/alice/bob", Map.of("level", "high"))
                .expectProblem(400, "invalid-request").json();
        assertThat(level.path("field").asText()).isEqualTo("level");

        JsonNode batchShape = platform.post(contributions() + "/batch", Map.of("contributions", "all of them"))
                .expectProblem(400, "invalid-request").json();
        assertThat(batchShape.path("field").asText()).isEqualTo("contributions");

        platform.raw("POST", contributions(), "[]", "application/json").expectProblem(400, null);
        platform.raw("POST", contributions(), "42", "application/json").expectProblem(400, null);
        nothingRecorded();
    }

    @Test
    void bodiesBeyondTheParsersLimitsAreFourHundreds() {
        String deep = "{\"id\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        platform.raw("POST", contributions(), deep, "application/json").expectProblem(400, null);
        String longNumber = "{\"id\":\"n-1\",\"giver\":\"alice\",\"receiver\":\"bob\",\"category\":\"help\",\"value\":"
                + "9".repeat(5000) + ",\"occurredAt\":\"2024-01-01T00:00:00Z\",\"recordedBy\":\"GIVER\"}";
        platform.raw("POST", contributions(), longNumber, "application/json").expectProblem(400, null);
        JsonNode level = platform.put("/communities/" + c + "/trust/alice/bob", Map.of("level", 99_999_999_999L))
                .expectProblem(400, "invalid-request").json();
        assertThat(level.path("field").asText()).isEqualTo("level");
        nothingRecorded();
    }

    @Test
    void aBodyOverOneMebibyteIsA413WithContentLength() {
        byte[] body = oversizedAct();
        Reply reply = platform.send("POST", contributions(), BodyPublishers.ofByteArray(body), "application/json");
        reply.expectProblem(413, "payload-too-large");
        nothingRecorded();
    }

    @Test
    void aChunkedBodyOverOneMebibyteIsA413() {
        byte[] body = oversizedAct();
        // A publisher of unknown length makes the client send Transfer-Encoding: chunked, no Content-Length.
        Reply reply = platform.send("POST", contributions(),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), "application/json");
        reply.expectProblem(413, "payload-too-large");

        Reply batch = platform.send("POST", contributions() + "/batch",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversizedBatch())), "application/json");
        batch.expectProblem(413, "payload-too-large");
        nothingRecorded();
    }

    @Test
    void aChunkedBodyUnderTheLimitIsAccepted() {
        byte[] body = ("{\"id\":\"chunked-ok\",\"giver\":\"alice\",\"receiver\":\"bob\",\"category\":\"help\",\"value\":1,"
                + "\"occurredAt\":\"2024-01-01T00:00:00Z\",\"recordedBy\":\"GIVER\",\"description\":\""
                + "x".repeat(1500) + "\"}").getBytes(StandardCharsets.UTF_8);
        platform.send("POST", contributions(), BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                "application/json").expect(201);
    }

    private byte[] oversizedAct() {
        String padding = "x".repeat(1024 * 1024 + 16);
        return ("{\"id\":\"too-big\",\"giver\":\"alice\",\"receiver\":\"bob\",\"category\":\"help\",\"value\":1,"
                + "\"occurredAt\":\"2024-01-01T00:00:00Z\",\"recordedBy\":\"GIVER\",\"description\":\"" + padding + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] oversizedBatch() {
        StringBuilder body = new StringBuilder("{\"contributions\":[");
        for (int i = 0; body.length() < 1024 * 1024 + 1024; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"big-").append(i)
                    .append("\",\"giver\":\"alice\",\"receiver\":\"bob\",\"category\":\"help\",\"value\":1,")
                    .append("\"occurredAt\":\"2024-01-01T00:00:00Z\",\"recordedBy\":\"GIVER\"}");
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "-1", "-0.000001", "1000.000001", "1001", "1e6", "0.0000001", "1.1234567"})
    void aValueOutOfRangeIsA422(String value) {
        platform.raw("POST", contributions(), """
                {"id":"v-1","giver":"alice","receiver":"bob","category":"help","value":%s,
                 "occurredAt":"2024-01-01T00:00:00Z","recordedBy":"GIVER"}""".formatted(value), "application/json")
                .expectProblem(422, "value-out-of-range");
        nothingRecorded();
    }

    @Test
    void valuesAtTheEdgesOfTheRangeAreAccepted() {
        platform.record(c, Act.of("edge-max", "alice", "bob").value(1000)).expect(201);
        platform.record(c, Act.of("edge-min", "alice", "bob").value(new BigDecimal("0.000001"))).expect(201);
        platform.record(c, Act.of("edge-zeros", "alice", "bob").value(new BigDecimal("2.500000000"))).expect(201);
        assertThat(platform.contribution(c, "edge-min").at("/value").decimalValue()).isEqualByComparingTo("0.000001");
    }

    @Test
    void anActInTheFutureIsA422_clockSkewOfAFewMinutesIsTolerated() {
        Instant now = Instant.now();
        platform.record(c, Act.of("f-1", "alice", "bob").occurredAt(now.plus(1, ChronoUnit.DAYS)))
                .expectProblem(422, "occurred-in-future");
        platform.record(c, Act.of("f-2", "alice", "bob").occurredAt(now.plus(Duration.ofMinutes(10))))
                .expectProblem(422, "occurred-in-future");
        platform.put("/communities/" + c + "/trust/alice/bob",
                Map.of("level", 1, "declaredAt", now.plus(1, ChronoUnit.DAYS).toString()))
                .expectProblem(422, "occurred-in-future");
        nothingRecorded();
        platform.record(c, Act.of("f-3", "alice", "bob").occurredAt(now.plus(Duration.ofMinutes(2)))).expect(201);
    }

    @Test
    void unknownMembersCategoriesAndCommunitiesAreRefusedByName() {
        platform.record(c, Act.of("u-1", "alice", "mallory")).expectProblem(422, "unknown-member");
        platform.record(c, Act.of("u-2", "mallory", "bob")).expectProblem(422, "unknown-member");
        platform.record(c, Act.of("u-3", "alice", "bob").category("bribery")).expectProblem(422, "unknown-category");
        platform.record(c, Act.of("u-4", "alice", "alice")).expectProblem(422, "self-contribution-not-allowed");
        platform.confirm(c, "u-404", "bob").expectProblem(404, "not-found");
        Reply withdrawNothing = platform.withdrawTrust(c, "alice", "bob");
        assertThat(withdrawNothing.status()).as("withdrawing trust never declared: %s", withdrawNothing)
                .isIn(204, 404);
        String nowhere = unique("nowhere");
        admin.record(nowhere, Act.of("u-5", "alice", "bob")).expectProblem(404, "unknown-community");
        admin.registerMember(nowhere, "alice", "Alice").expectProblem(404, "unknown-community");
        admin.declareTrust(nowhere, "alice", "bob", 1).expectProblem(404, "unknown-community");
        nothingRecorded();
        assertThat(events.forCommunity(nowhere)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "-leading-dash", "x/y", "semi;colon", "ünïcödé", "quote\"d", "", " "})
    void badIdCharactersAreA400(String id) {
        platform.record(c, Act.of(id, "alice", "bob")).expectProblem(400, "invalid-request");
        platform.record(c, Act.of("ok-" + Math.abs(id.hashCode()), id, "bob")).expectProblem(400, "invalid-request");
        platform.registerMember(c, id, "Someone").expectProblem(400, "invalid-request");
        platform.confirm(c, "whatever", id).expectProblem(400, "invalid-request");
        admin.post("/communities", Map.of("id", id, "name", "Bad id")).expectProblem(400, "invalid-request");
        nothingRecorded();
    }

    @Test
    void overlongIdsAndTextsAreA400() {
        String longId = "a".repeat(129);
        platform.record(c, Act.of(longId, "alice", "bob")).expectProblem(400, "invalid-request");
        platform.record(c, Act.of("long-desc", "alice", "bob").description("d".repeat(2001)))
                .expectProblem(400, "invalid-request");
        platform.registerMember(c, "carol", "n".repeat(201)).expectProblem(400, "invalid-request");
        platform.post("/communities/" + c + "/members/alice/suspend", Map.of("reason", "r".repeat(1001)))
                .expectProblem(400, "invalid-request");
        nothingRecorded();
        platform.record(c, Act.of("a".repeat(128), "alice", "bob")).expect(201);
    }

    @Test
    void missingRequiredFieldsAreA400() {
        for (String field : List.of("id", "giver", "receiver", "category", "value", "occurredAt", "recordedBy")) {
            Reply reply = platform.record(c, Act.of("m-" + field, "alice", "bob").without(field))
                    .expectProblem(400, "invalid-request");
            assertThat(reply.text("/detail")).as(reply.describe()).contains(field.equals("id") ? "contributionId" : field);
        }
        platform.post("/communities/" + c + "/members", Map.of("id", "carol")).expectProblem(400, "invalid-request");
        platform.put("/communities/" + c + "/trust/alice/bob", Map.of("note", "no level"))
                .expectProblem(400, "invalid-request");
        platform.post(contributions() + "/x/confirm", Map.of()).expectProblem(400, "invalid-request");
        admin.post("/communities", Map.of("id", unique("nameless"))).expectProblem(400, "invalid-request");
        nothingRecorded();
    }

    @Test
    void aBatchOfMoreThanAThousandActsIsA400AndRecordsNothing() {
        List<Act> acts = IntStream.range(0, 1001).mapToObj(i -> Act.of("many-" + i, "alice", "bob")).toList();
        platform.recordBatch(c, acts).expectProblem(400, "invalid-request");
        platform.recordBatch(c, List.of()).expectProblem(400, "invalid-request");
        platform.post(contributions() + "/batch", Map.of()).expectProblem(400, "invalid-request");
        nothingRecorded();
    }

    @Test
    void aBatchOfExactlyAThousandActsIsRecorded() {
        List<Act> acts = IntStream.range(0, 1000).mapToObj(i -> Act.of("thousand-" + i, "alice", "bob")).toList();
        Reply reply = platform.recordBatch(c, acts).expect(200);
        assertThat(reply.at("/recorded").asLong()).isEqualTo(1000);
        assertThat(events.total()).isEqualTo(eventsBefore + 1000);
    }

    @Test
    void aMixedBatchRecordsTheGoodActsAndRejectsTheBadOnesWithProblems() {
        List<Object> items = new ArrayList<>();
        items.add(Act.of("good-1", "alice", "bob"));
        items.add(Act.of("bad-member", "alice", "mallory"));
        items.add(Act.of("good-2", "bob", "alice").recordedByReceiver());
        items.add(Act.of("bad-value", "alice", "bob").value(0));
        items.add(Act.of("bad id", "alice", "bob"));
        items.add(null);
        items.add(Act.of("bad-future", "alice", "bob").occurredAt(Instant.now().plus(1, ChronoUnit.DAYS)));
        items.add(Act.of("bad-category", "alice", "bob").category("bribery"));
        items.add(Act.of("good-3", "alice", "bob").value(new BigDecimal("0.5")));
        Reply reply = platform.recordBatch(c, items).expect(200);

        assertThat(reply.at("/recorded").asLong()).isEqualTo(3);
        assertThat(reply.at("/rejected").asLong()).isEqualTo(6);
        JsonNode results = reply.at("/results");
        assertThat(results).extracting(r -> r.path("index").asInt()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(results).extracting(r -> r.path("outcome").asText()).containsExactly(
                "recorded", "rejected", "recorded", "rejected", "rejected", "rejected", "rejected", "rejected", "recorded");
        assertThat(results.get(0).path("status").asText()).isEqualTo("PENDING");
        assertThat(results.get(2).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(problemType(results.get(1))).endsWith("unknown-member");
        assertThat(results.get(1).path("problem").path("status").asInt()).isEqualTo(422);
        assertThat(problemType(results.get(3))).endsWith("value-out-of-range");
        assertThat(problemType(results.get(4))).endsWith("invalid-request");
        assertThat(results.get(4).path("problem").path("status").asInt()).isEqualTo(400);
        assertThat(problemType(results.get(5))).endsWith("invalid-request");
        assertThat(problemType(results.get(6))).endsWith("occurred-in-future");
        assertThat(problemType(results.get(7))).endsWith("unknown-category");

        assertThat(events.total()).isEqualTo(eventsBefore + 3);
        for (String good : List.of("good-1", "good-2", "good-3")) {
            assertThat(events.forAggregate("contribution/" + c + "/" + good)).as(good).isEqualTo(1);
            platform.contribution(c, good).expect(200);
        }
        for (String bad : List.of("bad-member", "bad-value", "bad-future", "bad-category")) {
            assertThat(events.forAggregate("contribution/" + c + "/" + bad)).as(bad).isZero();
            platform.contribution(c, bad).expect(404);
        }
        assertThat(events.rows("SELECT COUNT(*) FROM contribution_view WHERE community_id = ?", c)).isEqualTo(3);
    }

    private static String problemType(JsonNode result) {
        return result.path("problem").path("type").asText();
    }

    @Test
    void otherProtocolMistakesAreFourHundreds() {
        platform.raw("POST", contributions(), "{\"id\":\"x\"}", "text/plain").expectProblem(415, null);
        platform.delete(contributions()).expectProblem(405, null);
        platform.get("/communities/" + c + "/members/alice/statement?limit=lots").expectProblem(400, "invalid-request");
        platform.get("/communities/" + c + "/reciprocity?a=alice").expectProblem(400, null);
        platform.put("/communities/" + c + "/trust/alice/bob?category=not%20an%20id", Map.of("level", 1))
                .expectProblem(400, "invalid-request");
        nothingRecorded();
    }

    @Test
    void communitySettingsAreCheckedWhenTheCommunityIsCreated() {
        List<Map<String, Object>> bad = List.of(
                Map.of("id", unique("s"), "name", "x", "maxValuePerAct", 0),
                Map.of("id", unique("s"), "name", "x", "maxValuePerAct", -5),
                Map.of("id", unique("s"), "name", "x", "categories", List.of("a b")),
                Map.of("id", unique("s"), "name", "x", "categories", List.of("help", "help")),
                Map.of("id", unique("s"), "name", "  "));
        for (Map<String, Object> body : bad) {
            admin.post("/communities", body).expectProblem(400, "invalid-request");
        }
        // Numbers the engines cannot compute with are rules of their own (see CommunitySettingsTest).
        Map<String, Map<String, Object>> outOfRange = Map.of(
                "reciprocity-thresholds-out-of-order", Map.of("reciprocity", Map.of("takerBelowRatio", 3, "contributorAboveRatio", 1)),
                "reciprocity-threshold-out-of-range", Map.of("reciprocity", Map.of("minimumActs", -1)),
                "reputation-alpha-out-of-range", Map.of("reputation", Map.of("alpha", 1.5)),
                "reputation-weight-out-of-range", Map.of("reputation", Map.of("trust", -1)));
        outOfRange.forEach((rule, settings) -> {
            Map<String, Object> body = new HashMap<>(settings);
            body.put("id", unique("s"));
            body.put("name", "x");
            admin.post("/communities", body).expectProblem(422, rule);
        });
        nothingRecorded();
    }

    // ---- Known bugs: each test states the behaviour the API should have; enable it with the fix. ----

    /** Regression: List.copyOf in CommunitySettings used to throw NullPointerException, answered 500. */
    @Test
    void aNullCategoryIsA400() {
        admin.post("/communities", Map.of("id", unique("nulls"), "name", "x", "categories", java.util.Arrays.asList("help", null)))
                .expectProblem(400, "invalid-request");
        admin.post("/communities", Map.of("id", unique("nulls"), "name", "x", "preTrustedMembers", java.util.Arrays.asList((Object) null)))
                .expectProblem(400, "invalid-request");
        nothingRecorded();
    }

    /**
     * Regression: maxValuePerAct >= 10^32 does not fit directory_community.max_value_per_act
     * NUMERIC(38,6); the projection's INSERT fails, Axon's default LoggingErrorHandler swallows it,
     * the events commit and the answer is 201. The community then does not exist for any read or
     * write, yet its id is taken for ever.
     */
    @Test
    void aMaxValuePerActTheLedgerCannotStoreIsRefused() {
        String id = unique("huge-max");
        Reply reply = admin.post("/communities", Map.of("id", id, "name", "Huge", "maxValuePerAct", new java.math.BigDecimal("1e40")));
        if (reply.status() == 201) {
            admin.get("/communities/" + id).expect(200);
            admin.registerMember(id, "alice", "Alice").expect(201);
        } else {
            reply.expectProblem(400, "invalid-request");
            assertThat(events.forCommunity(id)).isZero();
        }
    }

    /**
     * Regression: an occurredAt before year -999999999 (e.g. "-1000000000-01-01T00:00:00Z", a valid
     * Instant) is accepted with 201 and stored as an event, but Sql.timestamp cannot convert it, the
     * contribution_view INSERT throws, LoggingErrorHandler swallows it: the act is in the event store
     * but invisible to every read (GET answers 404). Same for trust declaredAt (trust_view).
     */
    @Test
    void anOccurredAtTheLedgerCannotStoreIsRefused() {
        Reply reply = platform.record(c, Act.of("ancient", "alice", "bob").occurredAt("-1000000000-01-01T00:00:00Z"));
        if (reply.status() == 201) {
            platform.contribution(c, "ancient").expect(200);
        } else {
            assertThat(reply.status()).isEqualTo(400);
            nothingRecorded();
        }
    }

    /**
     * Regression (ValueOutOfRange): the message rendered the value with BigDecimal.toPlainString(). A
     * 150-byte request with "value": 1e100000000 gets a 100 MB problem back; 1e999999999 or
     * 1e-999999999 exhausts the heap (OutOfMemoryError, answered 500).
     */
    @Test
    void anAbsurdExponentIsRefusedWithAShortAnswer() {
        Reply reply = platform.raw("POST", contributions(), """
                {"id":"dos","giver":"alice","receiver":"bob","category":"help","value":1e10000000,
                 "occurredAt":"2024-01-01T00:00:00Z","recordedBy":"GIVER"}""", "application/json");
        assertThat(reply.status()).isIn(400, 422);
        assertThat(reply.body().length()).isLessThan(10_000);
        nothingRecorded();
    }
}
