package org.contributionledger.api.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.EventStoreProbe;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.Reply;
import org.contributionledger.api.support.TestLedger;
import org.contributionledger.api.webhook.WebhookDeliveries;
import org.contributionledger.query.erasure.DataKey;
import org.contributionledger.query.erasure.PersonalDataCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Erasure end to end (docs/audit.md, "Erasure"): a member with distinctive personal data is erased;
 * afterwards no read endpoint, no export and no log line holds any of it, the hash chain still
 * verifies, and every figure (stats, reciprocity, reputation) is what it was. Its own ledger, logging
 * at INFO (DEBUG for the ledger's own classes), so that the captured log is worth searching.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=INFO", "logging.level.org.contributionledger=DEBUG",
                "spring.main.banner-mode=off"})
class ErasureIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Ada's personal data: each string appears nowhere else. */
    private static final String NAME = "Zenobia Quackenbush-Erasable";
    private static final String DESCRIPTION = "Mended the xylophone of Quorthwick";
    private static final String EVIDENCE = "https://evidence.example/plumbus-receipt-4471";
    private static final String RECEIVED = "Got frobnicated by Bob";
    private static final String REASON = "Never happened, says Zenobia";
    private static final String NOTE = "Trusts Bob with the snorkel";
    private static final List<String> ADAS = List.of(NAME, DESCRIPTION, EVIDENCE, RECEIVED, REASON, NOTE,
            "Zenobia", "xylophone", "plumbus", "frobnicated", "snorkel");

    private static final String WEBHOOK_SECRET = "the-erasure-test-webhook-secret";

    /** Bob's: stays readable, since only Ada is erased. */
    private static final String BOBS = "Bob tuned the harpsichord";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestLedger.properties(LedgerApiTest.newDataDir("erasure")).forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anErasedMembersDataIsGoneEverywhereWhileTheHistoryVerifiesAndTheFiguresStay(CapturedOutput log) throws Exception {
        LedgerClient admin = LedgerClient.admin(port);
        String c = "erasure-" + UUID.randomUUID().toString().substring(0, 8);
        LedgerClient platform = admin.createCommunity(c, "Erasure").client();
        platform.registerMember(c, "ada", NAME).expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);
        platform.registerMember(c, "cy", "Cy").expect(201);
        platform.record(c, Act.of("a-1", "ada", "bob").value(5).description(DESCRIPTION).with("evidenceUrl", EVIDENCE))
                .expect(201);
        platform.confirm(c, "a-1", "bob").expect(200);
        platform.record(c, Act.of("a-2", "bob", "ada").value(2).description(RECEIVED).recordedByReceiver()).expect(201);
        platform.record(c, Act.of("a-3", "bob", "ada").value(3).description(BOBS)).expect(201);
        platform.dispute(c, "a-3", "ada", REASON).expect(200);
        platform.record(c, Act.of("a-4", "bob", "cy").value(4).recordedByReceiver()).expect(201);
        platform.put("/communities/" + c + "/trust/ada/bob", Map.of("level", 7, "note", NOTE)).expect(200);
        platform.put("/communities/" + c + "/trust/bob/ada", Map.of("level", 8)).expect(200);
        platform.put("/communities/" + c + "/trust/cy/ada", Map.of("level", 5)).expect(200);

        // Stored encrypted from the start: the event store never held Ada's data in plain.
        String stored = String.join("\n", jdbc.queryForList(
                "SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier LIKE ?", byte[].class, "%/" + c + "%")
                .stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList());
        assertThat(stored).contains("enc:v1:").doesNotContain(NAME, DESCRIPTION, EVIDENCE, REASON, NOTE, BOBS);

        // Before erasure the export carries the keys, and they open Ada's fields; every event chained,
        // so that the digests compared below are there.
        new EventStoreProbe(jdbc).awaitChained();
        List<JsonNode> before = lines(platform.get("/communities/" + c + "/export/events").expect(200).body());
        assertThat(readable(before)).contains(NAME, DESCRIPTION, EVIDENCE, RECEIVED, REASON, NOTE, BOBS);
        Map<String, JsonNode> figures = awaitFigures(platform, c, NAME);

        Reply erased = platform.post("/communities/" + c + "/members/ada/erasure", Map.of()).expect(200);
        assertThat(erased.at("/displayName").isNull()).isTrue();
        assertThat(erased.at("/erased").asBoolean()).isTrue();
        // A repeated request is a quiet success; an unknown member is not found.
        assertThat(platform.post("/communities/" + c + "/members/ada/erasure", Map.of()).expect(200).json())
                .isEqualTo(erased.json());
        platform.post("/communities/" + c + "/members/nobody/erasure", Map.of()).expectProblem(404, "not-found");
        // An erased member can no longer act, nor be renamed or registered again.
        platform.record(c, Act.of("a-5", "ada", "bob")).expectProblem(422, "member-was-erased");
        platform.dispute(c, "a-4", "ada", "late").expectProblem(422, "member-was-erased");
        platform.put("/communities/" + c + "/trust/ada/cy", Map.of("level", 1)).expectProblem(422, "member-was-erased");
        platform.patch("/communities/" + c + "/members/ada", Map.of("displayName", NAME)).expectProblem(422, "member-was-erased");
        platform.registerMember(c, "ada", NAME).expectProblem(422, "member-was-erased");

        // Every figure is what it was (names left aside), once reputation has seen the erasure. The
        // erasure makes reputation recompute (to drop the name), and its iterative solver, warm-started,
        // stops within its tolerance, so scores agree to 1e-9, not to the last bit.
        Map<String, JsonNode> after = awaitFigures(platform, c, null);
        assertThat(after.keySet()).isEqualTo(figures.keySet());
        after.forEach((path, answer) -> assertSameFigures(path, figures.get(path), answer));
        // The chain still verifies: erasure touched no stored byte.
        JsonNode verified = admin.post("/audit/verify", Map.of()).expect(200).json();
        assertThat(verified.path("status").asText()).as(verified.toString()).isEqualTo("intact");

        List<String> answers = new ArrayList<>();
        for (String path : List.of("/members/ada", "/members", "/members/ada/statement", "/members/bob/statement",
                "/contributions", "/contributions/a-1", "/contributions/a-2", "/contributions/a-3",
                "/members/ada/reputation", "/members/bob/reputation", "/leaderboard", "/members/ada/influencers",
                "/members/bob/influencers", "/members/ada/trust", "/members/bob/trust?direction=in",
                "/trust/ada/bob", "/members/ada/reciprocity", "/stats",
                "/export/events", "/export/events?format=csv", "/export/network?format=gexf",
                "/export/network?format=graphml", "/export/network?format=csv")) {
            answers.add(platform.get("/communities/" + c + path).expect(200).body());
        }
        List<JsonNode> exported = lines(platform.get("/communities/" + c + "/export/events").expect(200).body());
        answers.add(readable(exported));
        for (String answer : answers) {
            for (String personal : ADAS) {
                assertThat(answer).as("an answer after erasure").doesNotContain(personal);
            }
        }
        // Bob's own texts are still his to read, in the views and through the export's keys.
        assertThat(platform.contribution(c, "a-3").expect(200).text("/description")).isEqualTo(BOBS);
        assertThat(readable(exported)).contains(BOBS);
        // The stored events, and with them the chain, are exactly as before the erasure.
        for (int i = 0; i < before.size(); i++) {
            assertThat(exported.get(i).path("payload")).isEqualTo(before.get(i).path("payload"));
            assertThat(exported.get(i).path("digest")).isEqualTo(before.get(i).path("digest"));
        }
        assertThat(log.getAll()).contains("Started"); // the log was captured at all
        for (String personal : ADAS) {
            assertThat(log.getAll()).as("the log").doesNotContain(personal);
        }
    }

    /**
     * The webhook tables are outside the event log: erasure clears there what names the member's
     * platform users by login (the topics they started, the answers of past deliveries), and later
     * deliveries naming them write no login again. Another member's user stays as it was.
     */
    @Test
    void anErasedMembersPlatformUsersLeaveNoLoginInTheWebhookTables() {
        String adaLogin = "quackenbush_zq";
        String bobLogin = "harpsichord_bob";
        LedgerClient admin = LedgerClient.admin(port);
        String c = "erasure-hooks-" + UUID.randomUUID().toString().substring(0, 8);
        // Unknown users are left unresolved, so that an answer names them by login.
        LedgerClient platform = admin.createCommunity(Map.of("id", c, "name", "Erasure hooks",
                "categories", List.of("endorsement", "advice"), "registerUnknownIdentities", false)).client();
        platform.put("/communities/" + c + "/webhooks/discourse/settings", Map.of("secret", WEBHOOK_SECRET)).expect(200);
        WebhookDeliveries hooks = new WebhookDeliveries(platform, c);

        // Before they are members: each like is unresolved, its answer names the liker by login.
        ObjectNode adasLike = like(4471, adaLogin, 425, 4473, "someone_else");
        Reply first = hooks.discourse(WEBHOOK_SECRET, "post_liked", "ev-ada-like", adasLike).expect(200);
        assertThat(first.text("/unresolved/0/reason")).contains("discourse user " + adaLogin + " (4471)");
        hooks.discourse(WEBHOOK_SECRET, "post_liked", "ev-bob-like", like(4472, bobLogin, 426, 4473, "someone_else"))
                .expect(200);
        platform.registerMember(c, "ada", "Ada").expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);
        platform.put("/communities/" + c + "/members/ada/identities/discourse/4471", Map.of("login", adaLogin)).expect(201);
        platform.put("/communities/" + c + "/members/bob/identities/discourse/4472", Map.of("login", bobLogin)).expect(201);
        // Each starts a topic: remembered for the topic's accepted solution.
        hooks.discourse(WEBHOOK_SECRET, "post_created", "ev-ada-topic", firstPost(10, 4471, adaLogin)).expect(202);
        hooks.discourse(WEBHOOK_SECRET, "post_created", "ev-bob-topic", firstPost(11, 4472, bobLogin)).expect(202);
        assertThat(webhookRows(c)).contains(adaLogin, bobLogin);

        platform.post("/communities/" + c + "/members/ada/erasure", Map.of()).expect(200);

        assertThat(webhookRows(c)).doesNotContain(adaLogin).contains(bobLogin);
        assertThat(jdbc.queryForList("SELECT user_id FROM webhook_topic_author WHERE community_id = ?", String.class, c))
                .containsExactly("4472");
        // A redelivery answers the first answer, without the login, and records nothing.
        long stored = storedEvents(c);
        Reply again = hooks.discourse(WEBHOOK_SECRET, "post_liked", "ev-ada-like", adasLike).expect(200);
        ObjectNode expected = (ObjectNode) first.json().deepCopy();
        ((ObjectNode) expected.at("/unresolved/0")).put("reason", first.text("/unresolved/0/reason")
                .replace("discourse user " + adaLogin + " (4471)", "discourse user 4471 (login erased)"));
        assertThat(again.json()).isEqualTo(expected);
        // Later deliveries naming her user keep no login either, and remember no topic of hers.
        Reply topic = hooks.discourse(WEBHOOK_SECRET, "post_created", "ev-ada-topic-2", firstPost(12, 4471, adaLogin))
                .expect(202);
        assertThat(topic.text("/reason")).contains("discourse user 4471 (login erased)").doesNotContain(adaLogin);
        Reply later = hooks.discourse(WEBHOOK_SECRET, "post_liked", "ev-ada-like-2", like(4471, adaLogin, 427, 4472, bobLogin))
                .expect(200);
        assertThat(later.text("/unresolved/0/reason")).contains("linked to an erased member").doesNotContain(adaLogin);
        assertThat(webhookRows(c)).doesNotContain(adaLogin).contains(bobLogin);
        assertThat(storedEvents(c)).isEqualTo(stored);
    }

    /** Discourse's sample like, by {@code likerId} of post {@code postId} written by {@code authorId}. */
    private static ObjectNode like(int likerId, String likerLogin, int postId, int authorId, String authorLogin) {
        ObjectNode body = WebhookDeliveries.sample("discourse/xuxiaowei__post_liked.body.json");
        ((ObjectNode) body.at("/like/user")).put("id", likerId).put("username", likerLogin);
        ((ObjectNode) body.at("/like/post")).put("id", postId).put("user_id", authorId).put("username", authorLogin);
        return body;
    }

    /** Discourse's sample post_created, as the first post of {@code topicId} by the user. */
    private static ObjectNode firstPost(int topicId, int userId, String login) {
        ObjectNode body = WebhookDeliveries.sample("discourse/xuxiaowei__post_created.body.json");
        ((ObjectNode) body.get("post")).put("id", 1000 + topicId).put("user_id", userId).put("username", login)
                .put("topic_id", topicId).put("post_number", 1);
        return body;
    }

    /** Every row the webhook tables keep for the community, as text. */
    private String webhookRows(String c) {
        return String.join("\n", jdbc.queryForList("""
                        SELECT delivery_id || ' ' || answer_json FROM webhook_delivery WHERE community_id = ?
                        UNION ALL SELECT topic_id || ' ' || user_id || ' ' || login FROM webhook_topic_author WHERE community_id = ?
                        UNION ALL SELECT contribution_id FROM webhook_withdrawn_act WHERE community_id = ?""",
                String.class, c, c, c));
    }

    private long storedEvents(String c) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier LIKE ?", Long.class,
                "%/" + c + "%");
    }

    /** Every encrypted field of the export opened with the line's own {@code dataKeys}, as an offline reader would. */
    private static String readable(List<JsonNode> lines) {
        StringBuilder text = new StringBuilder();
        for (JsonNode line : lines) {
            JsonNode keys = line.path("dataKeys");
            List<String> values = new ArrayList<>();
            line.path("payload").forEach(value -> values.add(value.asText()));
            for (String value : values) {
                if (PersonalDataCipher.isEncrypted(value)) {
                    String keyId = PersonalDataCipher.keyIdOf(value);
                    if (keys.has(keyId)) {
                        DataKey key = new DataKey(keyId, "?", "?", Base64.getDecoder().decode(keys.path(keyId).asText()));
                        text.append(PersonalDataCipher.decrypt(key, value)).append('\n');
                    }
                } else {
                    text.append(value).append('\n');
                }
            }
        }
        return text.toString();
    }

    /**
     * Stats, reciprocity and reputation, without names and freshness, once reputation has settled
     * with Ada's name as {@code adaName} (null: erased).
     */
    private static Map<String, JsonNode> awaitFigures(LedgerClient platform, String c, String adaName) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Map<String, JsonNode> previous = null;
        while (true) {
            Reply ada = platform.get("/communities/" + c + "/members/ada/reputation");
            if (ada.status() == 200 && Objects.equals(adaName, ada.json().path("displayName").textValue())
                    && ada.at("/freshness/upToDate").asBoolean()) {
                Map<String, JsonNode> figures = new HashMap<>();
                for (String path : List.of("/stats", "/members/ada/reciprocity", "/members/bob/reciprocity",
                        "/members/cy/reciprocity", "/members/ada/reputation", "/members/bob/reputation",
                        "/leaderboard", "/members/ada/influencers")) {
                    figures.put(path, withoutNamesAndTimes(platform.get("/communities/" + c + path).expect(200).json()));
                }
                if (figures.equals(previous)) {
                    return figures;
                }
                previous = figures;
            }
            assertThat(System.nanoTime()).as("reputation settled within 60 s").isLessThan(deadline);
            Thread.sleep(1_000);
        }
    }

    /** The same tree, numbers equal within 1e-9 (the solver's residual, itself ~1e-11, left aside). */
    private static void assertSameFigures(String path, JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            assertThat(actual.asDouble()).as(path).isCloseTo(expected.asDouble(), offset(1e-9));
            return;
        }
        if (expected.isContainerNode()) {
            assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
            assertThat(actual.size()).as(path).isEqualTo(expected.size());
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) {
                    assertSameFigures(path + "/" + i, expected.get(i), actual.get(i));
                }
            } else {
                expected.fieldNames().forEachRemaining(name -> {
                    if (!name.equals("solverResidual")) {
                        assertSameFigures(path + "/" + name, expected.get(name), actual.get(name));
                    }
                });
            }
            return;
        }
        assertThat(actual).as(path).isEqualTo(expected);
    }

    private static JsonNode withoutNamesAndTimes(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            // A sphere's computedVersion counts changes, as freshness does: the erasure is one.
            object.remove(List.of("displayName", "freshness", "computedAt", "asOf", "computedVersion"));
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            strip(children.next());
        }
    }

    private static List<JsonNode> lines(String body) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
