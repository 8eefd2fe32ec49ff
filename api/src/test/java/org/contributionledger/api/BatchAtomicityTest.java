package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A refused item of a batch is reported and nothing else changes: every item the answer calls
 * recorded is stored, whichever of the gateway's units of work (100 commands each) the refusal
 * falls in. Before this was fixed, a refusal at the first item of a later unit of work (index 100,
 * 200, ...) rolled back every earlier unit while the answer still said "recorded".
 */
class BatchAtomicityTest extends LedgerApiTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 99, 100, 200})
    void aRefusedActLeavesEveryOtherActOfTheBatchStored(int refusedAt) {
        String c = unique("ba");
        LedgerClient platform = admin.createCommunity(c, "Batch atomicity").client();
        platform.registerMember(c, "ann", "Ann").expect(201);
        platform.registerMember(c, "ben", "Ben").expect(201);
        List<Act> acts = new ArrayList<>();
        for (int i = 0; i <= Math.max(refusedAt, 100); i++) {
            acts.add(Act.of("L-" + i, "ann", i == refusedAt ? "ghost" : "ben"));
        }

        Reply reply = platform.recordBatch(c, acts).expect(200);

        assertThat(reply.at("/recorded").asLong()).isEqualTo(acts.size() - 1);
        assertThat(reply.at("/rejected").asLong()).isEqualTo(1);
        assertThat(reply.text("/results/" + refusedAt + "/outcome")).isEqualTo("rejected");
        for (int i = 0; i < acts.size(); i++) {
            assertThat(platform.contribution(c, "L-" + i).status()).as("act L-%d", i).isEqualTo(i == refusedAt ? 404 : 200);
        }
        assertThat(events.rows("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier LIKE ?",
                "contribution/" + c + "/%")).isEqualTo(acts.size() - 1);
        assertThat(platform.stats(c).expect(200).at("/acts/pending").asLong()).isEqualTo(acts.size() - 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {100})
    void aRefusedMemberLeavesEveryOtherMemberOfTheBatchRegistered(int refusedAt) {
        String c = unique("bm");
        LedgerClient platform = admin.createCommunity(c, "Batch members").client();
        platform.registerMember(c, "taken", "Taken").expect(201);
        List<Map<String, String>> members = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            members.add(i == refusedAt ? Map.of("id", "taken", "displayName", "Someone else")
                    : Map.of("id", "m-" + i, "displayName", "Member " + i));
        }

        Reply reply = platform.post("/communities/" + c + "/members/batch", Map.of("members", members)).expect(200);

        assertThat(reply.at("/recorded").asLong()).isEqualTo(200);
        assertThat(reply.text("/results/" + refusedAt + "/problem/type")).endsWith("/member-already-registered");
        for (int i = 0; i <= 200; i++) {
            if (i != refusedAt) {
                platform.member(c, "m-" + i).expect(200);
            }
        }
        assertThat(platform.member(c, "taken").expect(200).text("/displayName")).isEqualTo("Taken");
    }

    @ParameterizedTest
    @ValueSource(ints = {100})
    void aRefusedDeclarationLeavesEveryOtherDeclarationOfTheBatchInForce(int refusedAt) {
        String c = unique("bt");
        LedgerClient platform = admin.createCommunity(c, "Batch trust").client();
        List<Map<String, String>> members = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            members.add(Map.of("id", "m-" + i, "displayName", "Member " + i));
        }
        platform.post("/communities/" + c + "/members/batch", Map.of("members", members)).expect(200);
        List<Map<String, Object>> declarations = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            String trustee = i == refusedAt ? "m-" + i : "m-" + ((i + 1) % 201);
            declarations.add(Map.of("truster", "m-" + i, "trustee", trustee, "level", 1 + i % 10));
        }

        Reply reply = platform.post("/communities/" + c + "/trust/batch", Map.of("declarations", declarations))
                .expect(200);

        assertThat(reply.at("/recorded").asLong()).isEqualTo(200);
        assertThat(reply.text("/results/" + refusedAt + "/problem/type")).endsWith("/self-trust-not-allowed");
        for (int i = 0; i <= 200; i++) {
            if (i != refusedAt) {
                platform.get("/communities/" + c + "/trust/m-" + i + "/m-" + ((i + 1) % 201)).expect(200);
            }
        }
    }
}
