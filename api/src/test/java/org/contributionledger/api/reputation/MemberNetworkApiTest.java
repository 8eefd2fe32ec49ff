package org.contributionledger.api.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * "My network" over HTTP, for a community built by hand around Mia, with the whole answer written
 * out below. Everything is posted through the API:
 * <ul>
 *   <li>Gus, a contributor: he gave Mia 6 hours of help and she gave him 1; they trust each other
 *       (Mia him at 7, he her at 5). Mia keeps taking from him.</li>
 *   <li>Kim gave Mia advice worth 2 and got nothing back; they trust each other (3 and 9).</li>
 *   <li>Tom, a taker in the window since 2026: Mia gave him 4 in January 2026; his 3 for her date
 *       from 2025, so over all time he gave back, since 2026 he never did.</li>
 *   <li>Una trusts Mia (6), unreciprocated; Mia trusts Ned (4), who does not trust her back; Dan
 *       distrusts her (-4), which makes him no contact.</li>
 *   <li>Zoe, whom Mia should meet: trusted by Gus (8), Kim (9) and Una (2). Gus introduces her best:
 *       the trust between him and Mia (5 both ways at least) beats Kim's (3) though Kim trusts Zoe
 *       more. Rex, trusted by Tom, is the other member two steps away; Liv, trusted by Zoe, is three.</li>
 *   <li>Ivo's act for Mia is still pending: no tie.</li>
 * </ul>
 * The influence figures come from networkx, independently of the ledger
 * ({@code src/test/resources/network/hand_built_network.py}); the spheres from the spheres' own
 * read (how Leiden splits eleven members is not for writing out by hand).
 */
class MemberNetworkApiTest extends LedgerApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MEMBERS = List.of("mia", "gus", "kim", "tom", "una", "ned", "zoe", "rex", "dan",
            "ivo", "liv");

    private LedgerClient platform;
    private String c;
    /** After the members and their trust, before any act. */
    private Instant beforeTheActs;

    @BeforeEach
    void buildTheCommunity() throws InterruptedException {
        Community community = admin.createCommunity(unique("network"), "Network");
        platform = community.client();
        c = community.id();
        List<Map<String, String>> members = new ArrayList<>();
        for (String id : MEMBERS) {
            members.add(Map.of("id", id, "displayName", name(id)));
        }
        platform.post("/communities/" + c + "/members/batch", Map.of("members", members)).expect(200);
        List<Map<String, Object>> trust = new ArrayList<>();
        for (Object[] declared : new Object[][] {{"mia", "gus", 7}, {"gus", "mia", 5}, {"mia", "kim", 3}, {"kim", "mia", 9},
                {"una", "mia", 6}, {"mia", "ned", 4}, {"gus", "zoe", 8}, {"kim", "zoe", 9}, {"una", "zoe", 2},
                {"tom", "rex", 5}, {"zoe", "liv", 3}, {"dan", "mia", -4}}) {
            trust.add(Map.of("truster", declared[0], "trustee", declared[1], "level", declared[2]));
        }
        assertThat(platform.post("/communities/" + c + "/trust/batch", Map.of("declarations", trust)).expect(200)
                .at("/rejected").asInt()).isZero();
        // Event timestamps are in milliseconds: a pause on each side of the instant keeps it between the two batches.
        Thread.sleep(20);
        beforeTheActs = Instant.now();
        Thread.sleep(20);
        List<Act> acts = List.of(
                Act.of("gus-helps-mia", "gus", "mia").value(6).occurredAt("2026-01-10T10:00:00Z").recordedByReceiver(),
                Act.of("mia-helps-gus", "mia", "gus").value(1).occurredAt("2026-01-12T10:00:00Z").recordedByReceiver(),
                Act.of("kim-advises-mia", "kim", "mia").category("advice").value(2).occurredAt("2026-01-15T10:00:00Z")
                        .recordedByReceiver(),
                Act.of("mia-helps-tom", "mia", "tom").value(4).occurredAt("2026-01-20T10:00:00Z").recordedByReceiver(),
                Act.of("tom-helps-mia", "tom", "mia").value(3).occurredAt("2025-06-01T10:00:00Z").recordedByReceiver(),
                Act.of("ivo-helps-mia", "ivo", "mia").value(9).occurredAt("2026-01-25T10:00:00Z"));
        assertThat(platform.recordBatch(c, acts).expect(200).at("/rejected").asInt()).isZero();
    }

    @Test
    void miasNetworkIsAnsweredWholeAsWrittenOutByHand() {
        JsonNode network = upToDate("/members/mia/network");
        Map<String, Integer> sphere = new HashMap<>();
        for (String contact : List.of("gus", "kim", "ned", "tom", "una")) {
            sphere.put(contact, platform.get("/communities/" + c + "/members/" + contact + "/reputation").expect(200)
                    .json().at("/sphere/sphere").asInt());
        }
        assertThat(sphere.values()).as("every contact has a tie, so a sphere").allMatch(number -> number > 0);
        TreeSet<Integer> spanned = new TreeSet<>(sphere.values());

        assertSameJson(withoutFreshness(network), """
                {"communityId": "%s", "memberId": "mia", "displayName": "Mia Moss", "category": null, "since": null,
                 "contacts": {"count": 5, "trusts": 3, "trustedBy": 3, "gaveTo": 2, "receivedFrom": 3, "members": [
                   {"memberId": "gus", "displayName": "Gus Grant", "kinds": ["TRUSTS", "TRUSTED_BY", "GAVE", "RECEIVED"],
                    "influence": 0.11875571892542881, "sphere": %d},
                   {"memberId": "kim", "displayName": "Kim Kerr", "kinds": ["TRUSTS", "TRUSTED_BY", "RECEIVED"],
                    "influence": 0.07271909514790387, "sphere": %d},
                   {"memberId": "ned", "displayName": "Ned Nash", "kinds": ["TRUSTS"],
                    "influence": 0.06696451717571325, "sphere": %d},
                   {"memberId": "tom", "displayName": "Tom Tait", "kinds": ["GAVE", "RECEIVED"],
                    "influence": 0.061209939203522634, "sphere": %d},
                   {"memberId": "una", "displayName": "Una Urey", "kinds": ["TRUSTED_BY"],
                    "influence": 0.043946205286950785, "sphere": %d}]},
                 "quality": {"meanInfluence": 0.07271909514790387, "medianInfluence": 0.06696451717571325,
                             "influenceShare": 0.3635954757395194, "percentile": 90.0},
                 "character": {"trustsGiven": 3, "trustedBy": 3, "reciprocatedTrust": 0.6666666666666666,
                               "trustWeightGiven": 14, "trustWeightReceived": 20, "distrustReceived": 1,
                               "trustedNotBack": [{"memberId": "ned", "displayName": "Ned Nash"}],
                               "trustedByNotBack": [{"memberId": "una", "displayName": "Una Urey"}]},
                 "relevance": [{"category": "help", "influenceShare": 0.3641307309798943},
                               {"category": "advice", "influenceShare": 0.3576789064686132}],
                 "balance": {"since": null, "given": {"count": 2, "value": 5}, "received": {"count": 3, "value": 11},
                   "balance": -6,
                   "perContact": [
                     {"memberId": "gus", "displayName": "Gus Grant", "given": {"count": 1, "value": 1},
                      "received": {"count": 1, "value": 6}, "balance": -5},
                     {"memberId": "kim", "displayName": "Kim Kerr", "given": {"count": 0, "value": 0},
                      "received": {"count": 1, "value": 2}, "balance": -2},
                     {"memberId": "tom", "displayName": "Tom Tait", "given": {"count": 1, "value": 4},
                      "received": {"count": 1, "value": 3}, "balance": 1}],
                   "keepTakingFrom": [
                     {"memberId": "gus", "displayName": "Gus Grant", "given": {"count": 1, "value": 1},
                      "received": {"count": 1, "value": 6}, "balance": -5},
                     {"memberId": "kim", "displayName": "Kim Kerr", "given": {"count": 0, "value": 0},
                      "received": {"count": 1, "value": 2}, "balance": -2}],
                   "neverGaveBack": []},
                 "whoToMeet": [
                   {"memberId": "zoe", "displayName": "Zoe Zane", "score": 0.11812926368170311, "introducers": [
                     {"memberId": "gus", "displayName": "Gus Grant", "mutualTrust": 5, "trustInTarget": 8},
                     {"memberId": "kim", "displayName": "Kim Kerr", "mutualTrust": 3, "trustInTarget": 9},
                     {"memberId": "una", "displayName": "Una Urey", "mutualTrust": 0, "trustInTarget": 2}]},
                   {"memberId": "rex", "displayName": "Rex Roy", "score": 0.01982985241659285, "introducers": [
                     {"memberId": "tom", "displayName": "Tom Tait", "mutualTrust": 0, "trustInTarget": 5}]}],
                 "spheresSpanned": {"count": %d, "spheres": %s},
                 "asOf": null}
                """.formatted(c, sphere.get("gus"), sphere.get("kim"), sphere.get("ned"), sphere.get("tom"),
                sphere.get("una"), spanned.size(), spanned));

        // The same figures the other reads give: influence as on the leaderboard, who to meet as influencers from Mia.
        JsonNode leaderboard = platform.get("/communities/" + c + "/leaderboard?limit=20").expect(200).json();
        for (JsonNode entry : leaderboard.path("entries")) {
            if (entry.path("memberId").asText().equals("gus")) {
                assertThat(network.at("/contacts/members/0/influence").asDouble())
                        .isCloseTo(entry.path("score").asDouble(), within(1e-12));
            }
        }
        JsonNode influencers = platform.get("/communities/" + c + "/members/mia/influencers?limit=20").expect(200).json();
        for (JsonNode entry : influencers.path("entries")) {
            if (entry.path("memberId").asText().equals("zoe")) {
                assertThat(network.at("/whoToMeet/0/score").asDouble())
                        .isCloseTo(entry.path("score").asDouble(), within(1e-12));
            }
        }
    }

    @Test
    void sinceBoundsTheBalanceOnlyAndMakesTomATakerWhoNeverGaveBack() {
        JsonNode allTime = upToDate("/members/mia/network");
        JsonNode since2026 = platform.get("/communities/" + c + "/members/mia/network?since=2026-01-01T00:00:00Z")
                .expect(200).json();

        assertSameJson(since2026.path("balance"), """
                {"since": "2026-01-01T00:00:00Z", "given": {"count": 2, "value": 5}, "received": {"count": 2, "value": 8},
                 "balance": -3,
                 "perContact": [
                   {"memberId": "gus", "displayName": "Gus Grant", "given": {"count": 1, "value": 1},
                    "received": {"count": 1, "value": 6}, "balance": -5},
                   {"memberId": "kim", "displayName": "Kim Kerr", "given": {"count": 0, "value": 0},
                    "received": {"count": 1, "value": 2}, "balance": -2},
                   {"memberId": "tom", "displayName": "Tom Tait", "given": {"count": 1, "value": 4},
                    "received": {"count": 0, "value": 0}, "balance": 4}],
                 "keepTakingFrom": [
                   {"memberId": "gus", "displayName": "Gus Grant", "given": {"count": 1, "value": 1},
                    "received": {"count": 1, "value": 6}, "balance": -5},
                   {"memberId": "kim", "displayName": "Kim Kerr", "given": {"count": 0, "value": 0},
                    "received": {"count": 1, "value": 2}, "balance": -2}],
                 "neverGaveBack": [
                   {"memberId": "tom", "displayName": "Tom Tait", "given": {"count": 1, "value": 4},
                    "received": {"count": 0, "value": 0}, "balance": 4}]}
                """);
        assertThat(since2026.path("since").asText()).isEqualTo("2026-01-01T00:00:00Z");
        // Everything but the balance is the network as it is, whatever the window.
        for (String part : List.of("contacts", "quality", "character", "relevance", "whoToMeet", "spheresSpanned")) {
            assertThat(since2026.path(part)).as(part).isEqualTo(allTime.path(part));
        }
    }

    @Test
    void aCategoryNarrowsRelevanceAndWhomToMeet() {
        upToDate("/members/mia/network");
        JsonNode advice = platform.get("/communities/" + c + "/members/mia/network?category=advice").expect(200).json();

        assertThat(advice.path("category").asText()).isEqualTo("advice");
        assertSameJson(advice.path("relevance"), """
                [{"category": "advice", "influenceShare": 0.3576789064686132}]""");
        // Over advice alone, Mia's trust reaches Zoe but nothing reaches Tom, so Rex scores nothing; still two steps away.
        assertSameJson(advice.path("whoToMeet"), """
                [{"memberId": "zoe", "displayName": "Zoe Zane", "score": 0.1270967087113045, "introducers": [
                   {"memberId": "gus", "displayName": "Gus Grant", "mutualTrust": 5, "trustInTarget": 8},
                   {"memberId": "kim", "displayName": "Kim Kerr", "mutualTrust": 3, "trustInTarget": 9},
                   {"memberId": "una", "displayName": "Una Urey", "mutualTrust": 0, "trustInTarget": 2}]},
                 {"memberId": "rex", "displayName": "Rex Roy", "score": 0.0, "introducers": [
                   {"memberId": "tom", "displayName": "Tom Tait", "mutualTrust": 0, "trustInTarget": 5}]}]""");
    }

    @Test
    void asOfAPastInstantTheNetworkIsTheTrustAlone() {
        upToDate("/members/mia/network");
        JsonNode past = platform.get("/communities/" + c + "/members/mia/network?asOf=" + beforeTheActs).expect(200).json();

        assertThat(past.at("/asOf/instant").asText()).isEqualTo(beforeTheActs.toString());
        assertThat(past.at("/asOf/position").asLong()).isPositive();
        List<String> contacts = new ArrayList<>();
        past.at("/contacts/members").forEach(member -> contacts.add(member.path("memberId").asText()));
        assertThat(contacts).containsExactlyInAnyOrder("gus", "kim", "ned", "una");
        assertThat(past.at("/balance/given/count").asInt()).isZero();
        assertThat(past.at("/balance/received/count").asInt()).isZero();
        assertThat(past.at("/relevance")).as("no value received yet").isEmpty();
        List<String> toMeet = new ArrayList<>();
        past.path("whoToMeet").forEach(member -> toMeet.add(member.path("memberId").asText()));
        assertThat(toMeet).as("Tom is no contact yet, so Rex is three steps away").containsExactly("zoe");
    }

    @Test
    void badInputsAreRefusedWithTheirRule() {
        upToDate("/members/mia/network");
        String network = "/communities/" + c + "/members/mia/network";

        platform.get("/communities/" + c + "/members/nobody/network").expectProblem(404, "not-found");
        platform.get(network + "?category=cooking").expectProblem(422, "unknown-category");
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
        Reply future = platform.get(network + "?since=" + tomorrow).expectProblem(400, "since-in-future");
        assertThat(future.text("/field")).isEqualTo("since");
        assertThat(future.text("/detail")).contains(tomorrow.toString());
        Reply afterAsOf = platform.get(network + "?asOf=" + beforeTheActs + "&since="
                + beforeTheActs.plusMillis(1)).expectProblem(400, "since-in-future");
        assertThat(afterAsOf.text("/detail")).contains("asOf " + beforeTheActs);
        platform.get(network + "?since=" + beforeTheActs + "&asOf=" + beforeTheActs).expect(200);
        assertThat(platform.get(network + "?since=yesterday").expectProblem(400, "invalid-request").text("/field"))
                .isEqualTo("since");
        assertThat(platform.get(network + "?asOf=yesterday").expectProblem(400, "invalid-request").text("/field"))
                .isEqualTo("asOf");
        platform.get(network + "?asOf=" + tomorrow).expectProblem(400, "as-of-in-future");
    }

    /** The answer once reputation includes every event (it follows writes in the background). */
    private JsonNode upToDate(String memberPath) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode answer;
        do {
            answer = platform.get("/communities/" + c + memberPath).expect(200).json();
            if (answer.at("/freshness/upToDate").asBoolean()) {
                return answer;
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Reputation did not catch up within 20 s: " + answer);
    }

    private static String name(String id) {
        return switch (id) {
            case "mia" -> "Mia Moss";
            case "gus" -> "Gus Grant";
            case "kim" -> "Kim Kerr";
            case "tom" -> "Tom Tait";
            case "una" -> "Una Urey";
            case "ned" -> "Ned Nash";
            case "zoe" -> "Zoe Zane";
            case "rex" -> "Rex Roy";
            case "dan" -> "Dan Dorr";
            case "ivo" -> "Ivo Ives";
            default -> "Liv Lund";
        };
    }

    private static JsonNode withoutFreshness(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("freshness");
        return copy;
    }

    /** The same fields (none more, none fewer), arrays in the same order, numbers to 1e-9, everything else equal. */
    private static void assertSameJson(JsonNode actual, String expected) {
        try {
            assertSameJson("", actual, JSON.readTree(expected));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The expected answer is not JSON", e);
        }
    }

    private static void assertSameJson(String path, JsonNode actual, JsonNode expected) {
        assertThat(actual).as("%s is missing", path).isNotNull();
        if (expected.isNumber()) {
            assertThat(actual.isNumber()).as("%s is a number: %s", path, actual).isTrue();
            assertThat(actual.asDouble()).as(path).isCloseTo(expected.asDouble(), within(1e-9));
        } else if (expected.isObject()) {
            List<String> actualFields = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualFields::add);
            List<String> expectedFields = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedFields::add);
            assertThat(actualFields).as("the fields of %s", path).containsExactlyInAnyOrderElementsOf(expectedFields);
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertSameJson(path + "/" + field.getKey(), actual.get(field.getKey()), field.getValue());
            }
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as("%s is an array: %s", path, actual).isTrue();
            assertThat(actual.size()).as("the size of %s: %s", path, actual).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSameJson(path + "/" + i, actual.get(i), expected.get(i));
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
