package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The batch endpoint decides new acts in memory and appends their events itself; the single
 * endpoint sends each act as a command to its aggregate. Both must come to the same answer for every
 * rule of recording an act, and store the same kind of event.
 */
class BatchPathParityTest extends LedgerApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two identical communities: one fed act by act, the other by one batch of the same acts. */
    @Test
    void everyRuleOfRecordingAnActAnswersTheSameThroughTheBatchAsThroughSingleRequests() {
        LedgerClient single = prepare(unique("one-by-one"));
        String singleCommunity = lastCommunity;
        LedgerClient batch = prepare(unique("batched"));
        String batchCommunity = lastCommunity;

        String future = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        List<Act> acts = List.of(
                Act.of("new-1", "alice", "bob"),
                Act.of("self", "alice", "alice"),
                Act.of("bad-category", "alice", "bob").category("no-such-category"),
                Act.of("zero", "alice", "bob").value(0),
                Act.of("too-large", "alice", "bob").value(1001),
                Act.of("too-fine", "alice", "bob").value(new BigDecimal("1.1234567")),
                Act.of("future", "alice", "bob").occurredAt(future),
                Act.of("unknown-giver", "zoe", "bob"),
                Act.of("unknown-receiver", "alice", "zoe"),
                Act.of("suspended", "alice", "carol"),
                Act.of("erased", "dave", "alice"),
                Act.of("merged-giver", "erin", "bob"),
                Act.of("merged-receiver", "bob", "erin"),
                Act.of("taken", "alice", "bob").value(6),
                Act.of("taken", "alice", "bob"),
                Act.of("new-1", "alice", "bob"),
                Act.of("new-1", "bob", "alice"),
                Act.of("bad id!", "alice", "bob"),
                Act.of("by-receiver", "alice", "bob").recordedByReceiver(),
                Act.of("self", "alice", "bob"),
                Act.of("new-2", "bob", "alice").value(new BigDecimal("2.500")));

        List<Reply> singleReplies = new ArrayList<>();
        for (Act act : acts) {
            singleReplies.add(single.record(singleCommunity, act));
        }
        Reply batchReply = batch.recordBatch(batchCommunity, acts).expect(200);

        JsonNode results = batchReply.at("/results");
        assertThat(results.size()).isEqualTo(acts.size());
        Iterator<JsonNode> items = results.elements();
        for (int i = 0; i < acts.size(); i++) {
            Reply one = singleReplies.get(i);
            JsonNode item = items.next();
            String what = "item " + i + " (" + acts.get(i).id() + "): single answered " + one + ", batch " + item;
            assertThat(item.at("/index").asInt()).as(what).isEqualTo(i);
            if (one.status() == 200 || one.status() == 201) {
                assertThat(item.at("/outcome").asText()).as(what).isEqualTo("recorded");
                assertThat(item.at("/alreadyRecorded").asBoolean()).as(what).isEqualTo(one.status() == 200);
                if (one.status() == 201) {
                    assertThat(item.at("/status").asText()).as(what).isEqualTo(one.text("/status"));
                }
            } else {
                assertThat(item.at("/outcome").asText()).as(what).isEqualTo("rejected");
                JsonNode problem = item.at("/problem");
                assertThat(problem.at("/type").asText()).as(what).isEqualTo(one.text("/type"));
                assertThat(problem.at("/status").asInt()).as(what).isEqualTo(one.status());
                assertThat(problem.at("/title").asText()).as(what).isEqualTo(one.text("/title"));
                assertThat(comparable(problem.at("/detail").asText(), batchCommunity)).as(what)
                        .isEqualTo(comparable(one.text("/detail"), singleCommunity));
            }
        }
        // Every kind of answer was exercised, not only the refusals.
        assertThat(singleReplies).extracting(Reply::status).contains(201, 200, 400, 409, 422);
        assertThat(batchReply.at("/recorded").asLong()).isEqualTo(singleReplies.stream()
                .filter(reply -> reply.status() < 300).count());
        assertThat(batchReply.at("/alreadyRecorded").asLong()).isEqualTo(2);

        // The same acts are stored, with the same statuses and values, and nothing else.
        assertThat(storedActs(batchCommunity)).isEqualTo(storedActs(singleCommunity));
        assertThat(events.forCommunity(batchCommunity)).isEqualTo(events.forCommunity(singleCommunity));
        assertThat(batch.statement(batchCommunity, "alice", null, null).at("/entries").size())
                .isEqualTo(single.statement(singleCommunity, "alice", null, null).at("/entries").size());
    }

    /**
     * An event of the batch path is stored as the aggregate stores one: same payload type and
     * revision, aggregate type, identifier scheme and sequence, the same metadata (what the configured
     * correlation data providers take from the command: the request's provenance), and personal
     * fields encrypted alike.
     */
    @Test
    void anEventAppendedByTheBatchPathIsStoredLikeOneAppendedByItsAggregate() {
        LedgerClient platform = prepare(unique("rows"));
        String c = lastCommunity;
        platform.withRequestId("single-request-1").record(c, Act.of("by-single", "alice", "bob")).expect(201);
        platform.withRequestId("batch-request-1")
                .recordBatch(c, List.of(Act.of("by-batch-1", "alice", "bob"), Act.of("by-batch-2", "bob", "alice")))
                .expect(200);

        Map<String, Object> single = row("contribution/" + c + "/by-single");
        Map<String, Object> batched = row("contribution/" + c + "/by-batch-1");
        for (String column : List.of("TYPE", "SEQUENCENUMBER", "PAYLOADTYPE", "PAYLOADREVISION")) {
            assertThat(batched.get(column)).as(column).isEqualTo(single.get(column));
        }
        assertThat(batched.get("TYPE")).isEqualTo("Contribution");
        assertThat(batched.get("SEQUENCENUMBER")).isEqualTo(0L);

        JsonNode singleMeta = events.metaData("contribution/" + c + "/by-single", 0);
        JsonNode batchMeta = events.metaData("contribution/" + c + "/by-batch-1", 0);
        // The keys the configured correlation data providers copy from a command to its events.
        assertThat(fieldNames(batchMeta)).isEqualTo(fieldNames(singleMeta)).contains("keyId", "requestId", "receivedAt");
        assertThat(batchMeta.get("requestId").asText()).isEqualTo("batch-request-1");
        assertThat(singleMeta.get("requestId").asText()).isEqualTo("single-request-1");
        assertThat(batchMeta.get("keyId").asText()).isEqualTo(singleMeta.get("keyId").asText());
        assertThat(events.metaData("contribution/" + c + "/by-batch-2", 0)).isEqualTo(batchMeta);

        JsonNode singlePayload = payload(single);
        JsonNode batchPayload = payload(batched);
        assertThat(fieldNames(batchPayload)).isEqualTo(fieldNames(singlePayload));
        // The description is personal data, stored encrypted: never in the clear on either path.
        assertThat(new String((byte[]) batched.get("PAYLOAD"), StandardCharsets.UTF_8)).doesNotContain("Helped move house");
        assertThat(new String((byte[]) single.get("PAYLOAD"), StandardCharsets.UTF_8)).doesNotContain("Helped move house");
        // ...and read back in the clear through the views.
        assertThat(platform.contribution(c, "by-batch-1").expect(200).text("/description")).isEqualTo("Helped move house");
    }

    private String lastCommunity;

    /** A community with active alice and bob, suspended carol, erased dave, and an act "taken" stored. */
    private LedgerClient prepare(String id) {
        Community community = admin.createCommunity(id, "Parity");
        LedgerClient platform = community.client();
        String c = community.id();
        for (String member : List.of("alice", "bob", "carol", "dave", "erin")) {
            platform.registerMember(c, member, member).expect(201);
        }
        platform.post("/communities/" + c + "/members/alice/merge", Map.of("mergedMemberId", "erin")).expect(200);
        platform.post("/communities/" + c + "/members/carol/suspend", Map.of()).expect(200);
        platform.post("/communities/" + c + "/members/dave/erasure", Map.of()).expect(200);
        platform.record(c, Act.of("taken", "alice", "bob")).expect(201);
        lastCommunity = c;
        return platform;
    }

    /** The detail without what differs between the two runs: the community's id, the moment of arrival. */
    private static String comparable(String detail, String communityId) {
        return detail.replace(communityId, "C").replaceAll("received at [^,]+", "received at T");
    }

    private List<String> storedActs(String communityId) {
        return events.column("""
                SELECT contribution_id || ' ' || giver || ' ' || receiver || ' ' || CAST(act_value AS VARCHAR) || ' ' || status
                FROM contribution_view WHERE community_id = ? ORDER BY contribution_id""", communityId);
    }

    private Map<String, Object> row(String aggregateId) {
        return jdbc.queryForMap("SELECT * FROM DomainEventEntry WHERE aggregateIdentifier = ?", aggregateId);
    }

    private static JsonNode payload(Map<String, Object> row) {
        try {
            return JSON.readTree((byte[]) row.get("PAYLOAD"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
