package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API reads JSON strictly: a request means exactly one thing or is refused with a problem
 * naming the field. Lenient parsing let a client's mistake (or an attacker's trick) be stored as
 * something else than what the client believes it sent.
 */
class StrictInputTest extends LedgerApiTest {

    private LedgerClient platform;
    private String c;
    private long eventsBefore;

    @BeforeEach
    void community() {
        Community community = admin.createCommunity(unique("strict"), "Strict");
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

    private static String act(String id, String more) {
        return "{\"id\":\"" + id + "\",\"giver\":\"alice\",\"receiver\":\"bob\",\"category\":\"help\","
                + "\"occurredAt\":\"2024-01-01T00:00:00Z\",\"recordedBy\":\"GIVER\"" + more + "}";
    }

    private Reply post(String path, String json) {
        return platform.raw("POST", path, json, "application/json");
    }

    private static void namesField(Reply reply, String field) {
        assertThat(reply.text("/field")).as("field named by %s", reply).isEqualTo(field);
        assertThat(reply.text("/detail")).as("detail of %s", reply).contains(field.replaceAll(".*[.\\]]", ""));
    }

    @Test
    void aDuplicateKeyIsRefusedNotResolvedToTheLastValue() {
        Reply duplicate = post(contributions(), act("dup-1", ",\"value\":1,\"value\":999"))
                .expectProblem(400, "duplicate-field");
        namesField(duplicate, "value");

        Reply inBatch = post(contributions() + "/batch", "{\"contributions\":[" + act("dup-2", ",\"value\":1") + ","
                + act("dup-3", ",\"value\":1,\"giver\":\"bob\"") + "]}").expectProblem(400, "duplicate-field");
        namesField(inBatch, "contributions[1].giver");

        namesField(platform.raw("PUT", "/communities/" + c + "/trust/alice/bob", "{\"level\":1,\"level\":10}",
                "application/json").expectProblem(400, "duplicate-field"), "level");
        nothingRecorded();
    }

    @Test
    void contentAfterTheDocumentIsRefused() {
        for (String trailing : List.of("{}", " x", "]", ",{\"value\":2}", "\"more\"")) {
            post(contributions(), act("trail", ",\"value\":1") + trailing).expectProblem(400, "malformed-json");
        }
        nothingRecorded();
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        Reply status = post(contributions(), act("unknown-1", ",\"value\":1,\"status\":\"CONFIRMED\""))
                .expectProblem(400, "unknown-field");
        namesField(status, "status");

        namesField(post(contributions() + "/batch", "{\"contributions\":[" + act("unknown-2", ",\"value\":1,\"valu\":2")
                + "]}").expectProblem(400, "unknown-field"), "contributions[0].valu");
        namesField(post(contributions() + "/batch", "{\"contributions\":[],\"dryRun\":true}")
                .expectProblem(400, "unknown-field"), "dryRun");
        namesField(platform.post("/communities/" + c + "/members", Map.of("id", "carol", "displayName", "Carol", "role", "admin"))
                .expectProblem(400, "unknown-field"), "role");
        namesField(platform.put("/communities/" + c + "/trust/alice/bob", Map.of("level", 1, "category", "help"))
                .expectProblem(400, "unknown-field"), "category");
        namesField(admin.post("/communities", Map.of("id", unique("u"), "name", "U", "reputation", Map.of("alfa", 0.2)))
                .expectProblem(400, "unknown-field"), "reputation.alfa");
        nothingRecorded();
    }

    @Test
    void aStringIsNotANumberAndANumberIsNotAString() {
        namesField(post(contributions(), act("coerce-1", ",\"value\":\"2.5\"")).expectProblem(400, "invalid-request"), "value");
        namesField(platform.put("/communities/" + c + "/trust/alice/bob", Map.of("level", "5"))
                .expectProblem(400, "invalid-request"), "level");
        namesField(platform.put("/communities/" + c + "/trust/alice/bob", Map.of("level", true))
                .expectProblem(400, "invalid-request"), "level");
        namesField(platform.post("/communities/" + c + "/members", Map.of("id", 42, "displayName", "Forty-two"))
                .expectProblem(400, "invalid-request"), "id");
        namesField(platform.post("/communities/" + c + "/members", Map.of("id", "carol", "displayName", 3.5))
                .expectProblem(400, "invalid-request"), "displayName");
        namesField(post(contributions(), act("coerce-2", ",\"value\":1,\"description\":true"))
                .expectProblem(400, "invalid-request"), "description");
        namesField(post(contributions(), act("coerce-3", ",\"value\":1").replace("\"GIVER\"", "0"))
                .expectProblem(400, "invalid-request"), "recordedBy");
        namesField(post(contributions(), act("coerce-4", ",\"value\":1").replace("\"2024-01-01T00:00:00Z\"", "1700000000"))
                .expectProblem(400, "invalid-request"), "occurredAt");
        namesField(admin.post("/communities", Map.of("id", unique("u"), "name", "U", "confirmationRequired", "false"))
                .expectProblem(400, "invalid-request"), "confirmationRequired");
        namesField(admin.post("/communities", Map.of("id", unique("u"), "name", "U", "maxValuePerAct", "10"))
                .expectProblem(400, "invalid-request"), "maxValuePerAct");
        nothingRecorded();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u001b[31m", "\r\n", "\n", "\t", "\u007f", "\u0085", "\u009b"})
    void controlCharactersInTextAreRefusedByField(String control) {
        String text = "Looks " + control + "fine";
        namesField(platform.registerMember(c, "carol", text).expectProblem(400, "invalid-request"), "displayName");
        namesField(platform.record(c, Act.of("ctl", "alice", "bob").description(text))
                .expectProblem(400, "invalid-request"), "description");
        namesField(platform.put("/communities/" + c + "/trust/alice/bob", Map.of("level", 3, "note", text))
                .expectProblem(400, "invalid-request"), "note");
        namesField(platform.patch("/communities/" + c + "/members/alice", Map.of("displayName", text))
                .expectProblem(400, "invalid-request"), "displayName");
        namesField(platform.post("/communities/" + c + "/members/alice/suspend", Map.of("reason", text))
                .expectProblem(400, "invalid-request"), "reason");
        namesField(admin.post("/communities", Map.of("id", unique("ctl"), "name", text))
                .expectProblem(400, "invalid-request"), "name");
        JsonResults batch = new JsonResults(platform.recordBatch(c, List.of(Act.of("ctl-b", "alice", "bob").description(text)))
                .expect(200));
        assertThat(batch.problemField(0)).isEqualTo("description");

        platform.record(c, Act.of("ctl-ok", "alice", "bob")).expect(201);
        platform.dispute(c, "ctl-ok", "bob", text).expectProblem(400, "invalid-request");
        platform.revoke(c, "ctl-ok", "alice", text).expectProblem(400, "invalid-request");
        assertThat(events.total()).isEqualTo(eventsBefore + 1);
    }

    @Test
    void ordinaryTextIsStillAccepted() {
        String text = "Ada Lovelace — «Zürich» 日本語 ✓ \"quoted\" \\ back";
        platform.registerMember(c, "carol", text).expect(201);
        assertThat(platform.member(c, "carol").text("/displayName")).isEqualTo(text);
        platform.record(c, Act.of("text-ok", "alice", "bob").description(text)).expect(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://example.org/x", "file:///etc/passwd", "data:text/html,hi",
            "example.org/evidence", "/relative/path", "http://", "https:///path", "http://exa mple.org/", "mailto:a@example.org"})
    void evidenceMustBeAnAbsoluteHttpUrl(String url) {
        namesField(platform.record(c, Act.of("url", "alice", "bob").with("evidenceUrl", url))
                .expectProblem(400, "invalid-request"), "evidenceUrl");
        nothingRecorded();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.org", "https://example.org/a/b?c=d#e", "HTTPS://EXAMPLE.ORG/X",
            "https://user@example.org:8443/x"})
    void httpAndHttpsEvidenceIsAccepted(String url) {
        platform.record(c, Act.of(unique("url"), "alice", "bob").with("evidenceUrl", url)).expect(201);
    }

    @Test
    void withdrawingTrustNamingAnUnknownMemberIsRefusedLikeAnyOther() {
        platform.withdrawTrust(c, "alice", "mallory").expectProblem(422, "unknown-member");
        platform.withdrawTrust(c, "mallory", "bob").expectProblem(422, "unknown-member");
        platform.declareTrust(c, "alice", "mallory", 3).expectProblem(422, "unknown-member");
        platform.delete("/communities/" + c + "/trust/alice/bob?category=bribery").expectProblem(422, "unknown-category");
        admin.withdrawTrust(unique("nowhere"), "alice", "bob").expectProblem(404, "unknown-community");
        platform.withdrawTrust(c, "alice", "bob").expect(204);
        nothingRecorded();
    }

    /** The results of a batch answer. */
    private record JsonResults(Reply reply) {

        String problemField(int index) {
            return reply.at("/results/" + index + "/problem/field").asText();
        }
    }
}
