package org.contributionledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.contributionledger.api.support.TestLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each key has its own token bucket: over it, 429 with Retry-After; after waiting that long, it acts again. */
class RateLimitTest {

    private static final int BURST = 3;
    private static TestLedger ledger;

    @BeforeAll
    static void start() {
        Path dataDir = LedgerApiTest.newDataDir("rate-limit");
        ledger = TestLedger.start(dataDir, Map.of(
                "ledger.keys.community-rate-limit.requests-per-second", "1",
                "ledger.keys.community-rate-limit.burst", String.valueOf(BURST)));
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    @Test
    void aKeyOverItsLimitIsToldWhenToRetryAndOtherKeysAreNotSlowedDown() throws InterruptedException {
        LedgerClient admin = ledger.admin();
        Community busy = admin.createCommunity("busy", "Busy");
        Community calm = admin.createCommunity("calm", "Calm");

        // The bucket refills one token a second; on a slow machine a request may take that long, so
        // count the successes until the first refusal rather than expecting it at a fixed request.
        Reply refused = null;
        int accepted = 0;
        for (int i = 0; i < 50 && refused == null; i++) {
            Reply reply = busy.client().stats("busy");
            if (reply.status() == 429) {
                refused = reply;
            } else {
                reply.expect(200);
                accepted++;
            }
        }
        assertThat(refused).as("a refusal within 50 requests at 1 request/s").isNotNull();
        assertThat(accepted).isGreaterThanOrEqualTo(BURST);
        refused.expectProblem(429, "rate-limited");
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(refused.at("/retryAfterSeconds").asLong()).isEqualTo(retryAfter);

        calm.client().stats("calm").expect(200);
        admin.stats("busy").expect(200);

        Thread.sleep(retryAfter * 1000);
        busy.client().stats("busy").expect(200);
    }
}
