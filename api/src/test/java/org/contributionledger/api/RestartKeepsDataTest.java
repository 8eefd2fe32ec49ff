package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.TestLedger;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The ledger keeps everything in its H2 files: a new process on the same directory carries on where the last one stopped. */
class RestartKeepsDataTest {

    @Test
    void aRestartedLedgerRemembersCommunitiesKeysMembersAndActs() {
        Path dataDir = LedgerApiTest.newDataDir("restart");
        Community community;
        String statementBefore;
        String reciprocityBefore;
        long eventsBefore;

        try (TestLedger first = TestLedger.start(dataDir)) {
            community = first.admin().createCommunity("restart", "Restart");
            LedgerClient platform = community.client();
            platform.registerMember("restart", "alice", "Alice").expect(201);
            platform.registerMember("restart", "bob", "Bob").expect(201);
            platform.record("restart", Act.of("before-1", "alice", "bob").value(4)).expect(201);
            platform.confirm("restart", "before-1", "bob").expect(200);
            platform.record("restart", Act.of("before-2", "bob", "alice").value(1)).expect(201);
            platform.declareTrust("restart", "alice", "bob", 6).expect(200);
            statementBefore = platform.statement("restart", "alice", null, null).expect(200).body();
            reciprocityBefore = platform.reciprocity("restart", "alice").expect(200).body();
            eventsBefore = first.events().total();
        }

        try (TestLedger second = TestLedger.start(dataDir)) {
            LedgerClient platform = second.admin().withKey(community.apiKey());
            assertThat(second.events().total()).isEqualTo(eventsBefore);

            assertThat(platform.get("/communities/restart").expect(200).text("/name")).isEqualTo("Restart");
            assertThat(platform.statement("restart", "alice", null, null).expect(200).body()).isEqualTo(statementBefore);
            assertThat(platform.reciprocity("restart", "alice").expect(200).body()).isEqualTo(reciprocityBefore);
            JsonNode alice = platform.reciprocity("restart", "alice").json();
            assertThat(alice.at("/given/count").asLong()).isEqualTo(1);
            assertThat(alice.at("/given/value").decimalValue()).isEqualByComparingTo("4");
            assertThat(alice.at("/pendingReceived/count").asLong()).isEqualTo(1);
            assertThat(platform.stats("restart").at("/positiveTrustDeclarations").asLong()).isEqualTo(1);

            // The aggregates are rebuilt from their events: retries and rules behave as before the restart.
            platform.record("restart", Act.of("before-1", "alice", "bob").value(4)).expect(200);
            platform.record("restart", Act.of("before-1", "alice", "bob").value(5))
                    .expectProblem(409, "contribution-id-conflict");
            platform.registerMember("restart", "alice", "Alice").expect(200);
            platform.registerMember("restart", "alice", "Alicia").expectProblem(409, "member-already-registered");
            second.admin().post("/communities", java.util.Map.of("id", "restart", "name", "Again"))
                    .expectProblem(409, "community-already-exists");
            assertThat(second.events().total()).isEqualTo(eventsBefore);

            platform.confirm("restart", "before-2", "alice").expect(200);
            platform.record("restart", Act.of("after-1", "alice", "bob").value(2)).expect(201);
            assertThat(platform.statement("restart", "alice", null, null).at("/entries").size()).isEqualTo(3);

            second.admin().withKey("cl_not-a-key").stats("restart").expectProblem(401, "unauthorized");
            second.admin().stats("restart").expect(200);
        }
    }
}
