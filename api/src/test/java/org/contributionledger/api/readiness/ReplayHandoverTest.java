package org.contributionledger.api.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.TestLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * After a restart the history is replayed straight from the event table (ReplayingTokenStore) and
 * the reputation processor takes over at the position reached: the reputation read after the
 * restart is the one read before it, and what is written after the restart still reaches it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplayHandoverTest {

    @Test
    void theReputationAfterARestartIsTheOneBeforeAndLaterWritesStillReachIt(CapturedOutput output) {
        Path dataDir = LedgerApiTest.newDataDir("handover");
        String c = "handover";
        Community community;
        Map<String, Double> before;
        try (TestLedger first = TestLedger.start(dataDir)) {
            community = first.admin().createCommunity(c, "Handover");
            LedgerClient platform = community.client();
            for (String member : new String[] {"ada", "bob", "cy", "dee"}) {
                platform.registerMember(c, member, member).expect(201);
            }
            platform.declareTrust(c, "bob", "ada", 8).expect(200);
            platform.declareTrust(c, "cy", "bob", 5).expect(200);
            for (int i = 0; i < 30; i++) {
                String[] pair = i % 3 == 0 ? new String[] {"ada", "cy"} : new String[] {"dee", "bob"};
                platform.record(c, Act.of("act-" + i, pair[0], pair[1]).recordedByReceiver()).expect(201);
            }
            before = scores(upToDateLeaderboard(platform, c));
        }
        assertThat(before).containsKeys("ada", "bob", "cy", "dee");

        try (TestLedger second = TestLedger.start(dataDir,
                Map.of("logging.level.org.contributionledger.query.reputation", "INFO"))) {
            // Logged just after the last event is handed to the projection, which is what start()
            // waits for: the line may come a moment after start() returns.
            awaitLogLine(output, "Reputation replayed");
            LedgerClient platform = second.admin().withKey(community.apiKey());
            Map<String, Double> after = scores(upToDateLeaderboard(platform, c));
            assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
            // Computed afresh instead of warm-started: equal to within the solver's tolerance.
            after.forEach((member, score) -> assertThat(score).as(member).isCloseTo(before.get(member), offset(1e-4)));

            // Written after the hand-over: the processor goes on from the position the replay reached.
            platform.registerMember(c, "eve", "Eve").expect(201);
            platform.declareTrust(c, "ada", "eve", 9).expect(200);
            assertThat(scores(upToDateLeaderboard(platform, c))).containsKey("eve");
        }
    }

    private static void awaitLogLine(CapturedOutput output, String line) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!output.getOut().contains(line) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertThat(output.getOut()).contains(line);
    }

    /** The leaderboard once it says it has computed every event stored (within a generous minute). */
    private static JsonNode upToDateLeaderboard(LedgerClient platform, String c) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode leaderboard = platform.get("/communities/" + c + "/leaderboard").expect(200).json();
            if (leaderboard.at("/freshness/upToDate").asBoolean() || System.nanoTime() > deadline) {
                assertThat(leaderboard.at("/freshness/upToDate").asBoolean()).as("up to date").isTrue();
                return leaderboard;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Map<String, Double> scores(JsonNode leaderboard) {
        Map<String, Double> scores = new LinkedHashMap<>();
        leaderboard.path("entries").forEach(entry -> scores.put(entry.path("memberId").asText(),
                entry.path("score").asDouble()));
        return scores;
    }
}
