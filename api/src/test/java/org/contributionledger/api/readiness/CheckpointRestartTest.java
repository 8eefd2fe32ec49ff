package org.contributionledger.api.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.TestLedger;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.query.reputation.ReputationProjection;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A restart reads the reputation from its checkpoint and replays only the events stored after it;
 * its answers are those of a start that replays the whole history (checkpoints off), to the bit.
 * A checkpoint the store no longer matches is not used. A batch the processor hands again after its
 * commit was refused is recorded once, as a checkpoint would otherwise keep it twice.
 */
class CheckpointRestartTest {

    private static final String C = "checkpoint";

    @Test
    void aRestartFromTheCheckpointAnswersAsAFullReplay() {
        Path dataDir = LedgerApiTest.newDataDir("checkpoint");
        Map<String, String> often = Map.of("ledger.reputation.checkpoint-every", "10");
        Community community;
        long checkpoint;
        try (TestLedger first = TestLedger.start(dataDir, often)) {
            community = first.admin().createCommunity(C, "Checkpoint");
            LedgerClient platform = community.client();
            for (String member : new String[] {"ada", "bob", "cy", "dee", "eve"}) {
                platform.registerMember(C, member, member).expect(201);
            }
            platform.declareTrust(C, "bob", "ada", 8).expect(200);
            platform.declareTrust(C, "cy", "bob", 5).expect(200);
            for (int i = 0; i < 30; i++) {
                String[] pair = i % 3 == 0 ? new String[] {"ada", "cy"} : new String[] {"dee", "bob"};
                platform.record(C, Act.of("act-" + i, pair[0], pair[1]).category(i % 2 == 0 ? "help" : "advice")
                        .value(1 + i % 4).recordedByReceiver()).expect(201);
            }
            platform.patch("/communities/" + C + "/members/eve", Map.of("displayName", "Eve Again")).expect(200);
            checkpoint = awaitCheckpoint(first.bean(JdbcTemplate.class));
            // After the checkpoint, to be replayed on top of it.
            platform.record(C, Act.of("after", "eve", "ada").value(3).recordedByReceiver()).expect(201);
        }
        assertThat(checkpoint).isPositive();

        JsonNode restored;
        try (TestLedger second = TestLedger.start(dataDir, often)) {
            assertThat(readiness(second).path("checkpoint").asLong()).isGreaterThanOrEqualTo(checkpoint);
            restored = upToDateLeaderboard(second.admin().withKey(community.apiKey()));
        }

        JsonNode replayed;
        try (TestLedger third = TestLedger.start(dataDir, Map.of("ledger.reputation.checkpoint-every", "0"))) {
            assertThat(readiness(third).has("checkpoint")).isFalse();
            replayed = upToDateLeaderboard(third.admin().withKey(community.apiKey()));
        }
        // The networks are the same to the bit (ReputationCheckpointProperties); the scores are computed
        // on them afresh or warm-started, depending on when the computations ran: equal within the
        // solver's tolerance.
        assertThat(restored.at("/freshness/computedVersion")).isEqualTo(replayed.at("/freshness/computedVersion"));
        assertThat(entries(restored).keySet()).containsExactlyInAnyOrderElementsOf(entries(replayed).keySet());
        entries(restored).forEach((member, entry) -> {
            JsonNode full = entries(replayed).get(member);
            assertThat(entry.path("displayName")).as(member).isEqualTo(full.path("displayName"));
            assertThat(entry.path("score").asDouble()).as(member).isCloseTo(full.path("score").asDouble(), offset(1e-4));
        });
        assertThat(entries(restored).get("eve").path("displayName").asText()).isEqualTo("Eve Again");
    }

    @Test
    void aCheckpointTheStoreNoLongerMatchesIsNotUsed() throws SQLException {
        Path dataDir = LedgerApiTest.newDataDir("checkpoint-stale");
        Map<String, String> often = Map.of("ledger.reputation.checkpoint-every", "5");
        Community community;
        try (TestLedger first = TestLedger.start(dataDir, often)) {
            community = adaBobAndCy(first);
            community.client().declareTrust(C, "cy", "ada", 3).expect(200);
            awaitCheckpoint(first.bean(JdbcTemplate.class));
        }
        // As if the store had been replaced by another one: the event the checkpoint names is not there.
        try (Connection stopped = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("ledger"), "sa", "");
             Statement statement = stopped.createStatement()) {
            assertThat(statement.executeUpdate("UPDATE reputation_checkpoint SET event_id = 'not-an-event-of-this-store'"))
                    .isEqualTo(1);
        }
        try (TestLedger second = TestLedger.start(dataDir, often)) {
            assertThat(readiness(second).has("checkpoint")).isFalse();
            JsonNode leaderboard = upToDateLeaderboard(second.admin().withKey(community.apiKey()));
            assertThat(leaderboard.path("entries").get(0).path("memberId").asText()).isEqualTo("ada");
        }
    }

    /**
     * The reputation's networks live in memory, outside the batch's transaction: a batch whose commit
     * is refused after the projection recorded it is handed again by the processor. Its facts are
     * recorded once, as a full replay records them; and the processor's stop to retry it takes no
     * checkpoint, which would hold that batch beyond the checkpoint's position and be replayed on top.
     */
    @Test
    void aBatchHandedAgainAfterItsCommitWasRefusedIsRecordedOnce() {
        Path dataDir = LedgerApiTest.newDataDir("checkpoint-rollback");
        // A stop checkpoint needs a tenth of this since the last one: the retry's stop comes after more
        // than 100 positions, the ledger's own stop after only a few more.
        Map<String, String> checkpoints = Map.of("ledger.reputation.checkpoint-every", "1000");
        AtomicInteger refusedCommits = new AtomicInteger();
        Community community;
        JsonNode live;
        try (TestLedger ledger = TestLedger.start(dataDir, checkpoints)) {
            community = adaBobAndCy(ledger);
            LedgerClient platform = community.client();
            for (int i = 0; i < 120; i++) {
                platform.record(C, Act.of("before-" + i, "bob", "cy").value(1).recordedByReceiver()).expect(201);
            }
            upToDateLeaderboard(platform);
            // Refuses, once, the commit of the processor's batch that holds the act "refused-once",
            // after the projection has recorded it: as a database gone at the commit would.
            ledger.bean(EventProcessingConfiguration.class)
                    .eventProcessor(ReputationProjection.PROCESSING_GROUP, AbstractEventProcessor.class).orElseThrow()
                    .registerHandlerInterceptor((unitOfWork, chain) -> {
                        Object result = chain.proceed();
                        if (unitOfWork.getMessage().getPayload() instanceof ContributionRecorded recorded
                                && recorded.contributionId().equals("refused-once")) {
                            unitOfWork.onPrepareCommit(batch -> {
                                if (refusedCommits.getAndIncrement() == 0) {
                                    throw new IllegalStateException("The test refuses this batch's commit, once");
                                }
                            });
                        }
                        return result;
                    });
            platform.record(C, Act.of("refused-once", "ada", "cy").value(5).recordedByReceiver()).expect(201);
            platform.record(C, Act.of("after", "cy", "bob").value(2).recordedByReceiver()).expect(201);
            live = upToDateLeaderboard(platform);
            assertThat(refusedCommits.get()).as("commits refused").isPositive();
        }

        JsonNode restarted;
        try (TestLedger again = TestLedger.start(dataDir, checkpoints)) {
            restarted = upToDateLeaderboard(again.admin().withKey(community.apiKey()));
        }
        JsonNode replayed;
        try (TestLedger again = TestLedger.start(dataDir, Map.of("ledger.reputation.checkpoint-every", "0"))) {
            replayed = upToDateLeaderboard(again.admin().withKey(community.apiKey()));
        }
        // The network's version counts the events it recorded: one recorded twice shows there.
        for (JsonNode answer : List.of(live, restarted)) {
            assertThat(answer.at("/freshness/computedVersion")).isEqualTo(replayed.at("/freshness/computedVersion"));
            entries(answer).forEach((member, entry) -> assertThat(entry.path("score").asDouble()).as(member)
                    .isCloseTo(entries(replayed).get(member).path("score").asDouble(), offset(1e-4)));
        }
    }

    /** The community with ada, bob and cy, bob trusting ada. */
    private static Community adaBobAndCy(TestLedger ledger) {
        Community community = ledger.admin().createCommunity(C, "Checkpoint");
        for (String member : new String[] {"ada", "bob", "cy"}) {
            community.client().registerMember(C, member, member).expect(201);
        }
        community.client().declareTrust(C, "bob", "ada", 8).expect(200);
        return community;
    }

    private static Map<String, JsonNode> entries(JsonNode leaderboard) {
        Map<String, JsonNode> entries = new TreeMap<>();
        leaderboard.path("entries").forEach(entry -> entries.put(entry.path("memberId").asText(), entry));
        return entries;
    }

    /** The position of the stored checkpoint, once there is one (it is written in the background). */
    private static long awaitCheckpoint(JdbcTemplate jdbc) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Long position = jdbc.queryForObject("SELECT MAX(position) FROM reputation_checkpoint", Long.class);
            if (position != null) {
                return position;
            }
            pause();
        }
        throw new AssertionError("No reputation checkpoint was stored within 30 s");
    }

    /** The replay's part of the readiness probe, once the replay is done. */
    private static JsonNode readiness(TestLedger ledger) {
        LedgerClient anonymous = ledger.admin().withKey(null);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (anonymous.get("//actuator/health/readiness").status() != 200 && System.nanoTime() < deadline) {
            pause();
        }
        return anonymous.get("//actuator/health/readiness").expect(200).at("/components/reputationReplay/details");
    }

    private static JsonNode upToDateLeaderboard(LedgerClient platform) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode leaderboard = platform.get("/communities/" + C + "/leaderboard").expect(200).json();
            if (leaderboard.at("/freshness/upToDate").asBoolean() || System.nanoTime() > deadline) {
                assertThat(leaderboard.at("/freshness/upToDate").asBoolean()).as("up to date").isTrue();
                return leaderboard;
            }
            pause();
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
