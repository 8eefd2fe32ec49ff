package org.contributionledger.api.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.contributionledger.api.support.TestLedger;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.query.reputation.ReputationProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * After a restart the reputation is rebuilt from the history. While it is, the ledger is alive but
 * not ready, and reputation reads answer 503 with the replay's progress: never a 404 for a
 * community that exists, never a partial ranking. The replay is held at one event by a handler in
 * the reputation's processing group, so the "during" is certain, not a race against a fast replay.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplayReadinessTest {

    private static final String HELD_MEMBER = "held-here";
    /** Released by the test; the replay waits at {@link #HELD_MEMBER}'s registration until then. */
    static volatile CountDownLatch release = new CountDownLatch(0);

    @Configuration
    static class HoldTheReplay {
        @Bean
        ReplayHold replayHold() {
            return new ReplayHold();
        }
    }

    @ProcessingGroup(ReputationProjection.PROCESSING_GROUP)
    static class ReplayHold {
        @EventHandler
        public void on(MemberRegistered event) throws InterruptedException {
            if (HELD_MEMBER.equals(event.memberId()) && !release.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never released the replay");
            }
        }
    }

    @Test
    void untilTheReplayHasCaughtUpReputationReadsAnswer503WithProgressAndReadinessIsDown(CapturedOutput output) {
        Path dataDir = LedgerApiTest.newDataDir("replay");
        String c = "replay";
        Community community;
        try (TestLedger first = TestLedger.start(dataDir)) {
            community = first.admin().createCommunity(c, "Replay");
            LedgerClient platform = community.client();
            for (String member : new String[] {"ada", "bob", HELD_MEMBER, "cy", "dee"}) {
                platform.registerMember(c, member, member).expect(201);
            }
            platform.declareTrust(c, "bob", "ada", 8).expect(200);
            platform.declareTrust(c, "cy", "ada", 5).expect(200);
            platform.declareTrust(c, "ada", "dee", 3).expect(200);
        }

        release = new CountDownLatch(1);
        // One event per batch, so that the replay's progress moves event by event up to the hold.
        Map<String, String> settings = Map.of("axon.eventhandling.processors.reputation.batch-size", "1",
                "logging.level.org.contributionledger.api.readiness", "INFO");
        try (TestLedger second = TestLedger.startReplaying(dataDir, settings, HoldTheReplay.class)) {
            LedgerClient platform = second.admin().withKey(community.apiKey());
            LedgerClient anonymous = second.admin().withKey(null);

            Reply readiness = anonymous.get("//actuator/health/readiness").expect(503);
            assertThat(readiness.text("/status")).isEqualTo("OUT_OF_SERVICE");
            JsonNode replay = readiness.at("/components/reputationReplay/details");
            assertThat(replay.path("replayed").asLong()).isLessThan(replay.path("total").asLong());
            anonymous.get("//actuator/health/liveness").expect(200);
            anonymous.get("//actuator/health").expect(503);

            for (String read : new String[] {"/communities/" + c + "/leaderboard",
                    "/communities/" + c + "/members/ada/reputation", "/communities/" + c + "/members/bob/influencers",
                    "/communities/" + c + "/stats"}) {
                Reply during = platform.get(read).expectProblem(503, "reputation-replaying");
                assertThat(during.header("Retry-After")).as(read).isPresent();
                assertThat(during.at("/replayed").asLong()).as(read).isPositive()
                        .isLessThan(during.at("/total").asLong());
            }
            // The views kept in the database answer at once, and so do writes.
            assertThat(platform.reciprocity(c, "ada").expect(200).at("/role").asText()).isNotEmpty();
            platform.registerMember(c, "eve", "Eve").expect(201);
            assertThat(output.getOut()).doesNotContain("Contribution Ledger ready at");

            release.countDown();

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (anonymous.get("//actuator/health/readiness").status() != 200 && System.nanoTime() < deadline) {
                pause();
            }
            JsonNode ready = anonymous.get("//actuator/health/readiness").expect(200).json();
            JsonNode done = ready.at("/components/reputationReplay/details");
            assertThat(done.path("replayed").asLong()).isEqualTo(done.path("total").asLong());

            // The first answers after the replay are whole: every member the store held at the start.
            // Eve was registered during the replay, after the head it waits for: she is either in the
            // answer already or the answer's freshness says it is behind, never silently missing.
            JsonNode leaderboard = platform.get("/communities/" + c + "/leaderboard").expect(200).json();
            List<String> ranked = new ArrayList<>();
            leaderboard.path("entries").forEach(entry -> ranked.add(entry.path("memberId").asText()));
            assertThat(ranked).containsAll(List.of("ada", "bob", HELD_MEMBER, "cy", "dee"));
            if (!ranked.contains("eve")) {
                assertThat(leaderboard.at("/freshness/upToDate").asBoolean()).as("freshness without eve").isFalse();
            }
            JsonNode freshness = platform.get("/communities/" + c + "/members/ada/reputation").expect(200)
                    .at("/freshness");
            assertThat(freshness.path("upToDate").asBoolean()).isEqualTo(freshness.path("eventsBehind").asLong() == 0);
            platform.stats(c).expect(200);

            String url = "http://localhost:" + second.port() + "/";
            while (!output.getOut().contains("Contribution Ledger ready at") && System.nanoTime() < deadline) {
                pause();
            }
            assertThat(output.getOut().split("Contribution Ledger ready at " + url, -1)).as("logged once").hasSize(2);
        } finally {
            release.countDown();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
