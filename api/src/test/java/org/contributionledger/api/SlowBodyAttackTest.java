package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.RawHttp;
import org.contributionledger.api.support.RawHttp.Answer;
import org.contributionledger.api.support.TestLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 250 connections announce a request body and then send it one byte at a time. Before the upload
 * limits, every worker thread sat reading (or, for refused requests, swallowing) such a body, and
 * the health probe timed out for everyone. Now the health probe answers within a second throughout,
 * each slow body is answered with a problem (401 without a key, 503 beyond the concurrent uploads,
 * 408 once the body deadline passes) and its connection is closed, and the ledger works afterwards.
 * <p>
 * Tagged {@code alone}: Surefire runs it after the other unit tests, with none beside it (see
 * api/pom.xml), as its one-second budget is about the ledger, not about a test running next to it.
 */
@Tag("alone")
class SlowBodyAttackTest {

    private static final int CONNECTIONS = 250;
    private static final int BODY_TIMEOUT_SECONDS = 3;
    private static final Duration ATTACK = Duration.ofSeconds(BODY_TIMEOUT_SECONDS + 3);
    private static final Duration HEALTH_BUDGET = Duration.ofSeconds(1);
    /** The default of ledger.http.max-concurrent-uploads. */
    private static final int MAX_CONCURRENT_UPLOADS = 64;

    private static TestLedger ledger;

    @BeforeAll
    static void start() {
        // Only the body deadline is shortened, so that the test sees it pass; every other limit is the default.
        ledger = TestLedger.start(LedgerApiTest.newDataDir("slow-body"),
                Map.of("ledger.http.request-body-timeout", BODY_TIMEOUT_SECONDS + "s"));
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void healthAnswersWithinASecondWhileBodiesDribbleIn() throws Exception {
        LedgerClient admin = ledger.admin();
        Community community = admin.createCommunity("slow", "Slow");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Duration baseline = health(http);

        List<Socket> attackers = new ArrayList<>();
        ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
        List<Duration> probes = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = RawHttp.connect(ledger.port(), 5_000);
                attackers.add(socket);
                String key = i % 2 == 0 ? "" : "Authorization: Bearer " + community.apiKey() + "\r\n";
                write(socket, "POST /api/v1/communities/slow/members HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100000\r\n" + key + "\r\n{");
            }
            // One space every 200 ms keeps each body alive (whitespace is valid JSON) but never completes it.
            dribbler.scheduleAtFixedRate(() -> attackers.forEach(socket -> write(socket, " ")), 200, 200,
                    TimeUnit.MILLISECONDS);

            long end = System.nanoTime() + ATTACK.toNanos();
            while (System.nanoTime() < end) {
                probes.add(health(http));
                Thread.sleep(400);
            }
        } finally {
            dribbler.shutdownNow();
        }

        // Answers by status, for requests without a key and with one.
        Map<Integer, Integer> withoutKey = new TreeMap<>();
        Map<Integer, Integer> withKey = new TreeMap<>();
        List<String> wrongAnswers = new ArrayList<>();
        for (int i = 0; i < attackers.size(); i++) {
            Map<Integer, Integer> answers = i % 2 == 0 ? withoutKey : withKey;
            try (Socket socket = attackers.get(i)) {
                Answer answer = RawHttp.read(socket.getInputStream());
                answers.merge(answer.status(), 1, Integer::sum);
                if (!answer.contentType().startsWith("application/problem+json")
                        || !"close".equals(answer.headers().get("connection"))) {
                    wrongAnswers.add(answer.toString());
                }
            } catch (IOException e) {
                answers.merge(-1, 1, Integer::sum);
            }
        }
        System.out.printf("Slow-body attack: health baseline %d ms, during the attack %s ms; answers by status "
                        + "without a key %s, with a key %s%n", baseline.toMillis(),
                probes.stream().map(Duration::toMillis).toList(), withoutKey, withKey);

        assertThat(probes).as("health probes during the attack").hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(probe -> assertThat(probe).isLessThan(HEALTH_BUDGET));
        // Without a key: refused at once (401), or turned away before that when uploads are at their limit (503).
        assertThat(withoutKey.keySet()).as("answers without a key").contains(401).isSubsetOf(401, 503);
        // With a key: read until the body deadline (408), at most the concurrent-upload limit of them; the rest 503.
        assertThat(withKey.keySet()).as("answers with a key").containsExactlyInAnyOrder(408, 503);
        assertThat(withKey.get(408)).isLessThanOrEqualTo(MAX_CONCURRENT_UPLOADS);
        assertThat(wrongAnswers).as("answers that are not problems closing the connection").isEmpty();

        admin.registerMember("slow", "after", "After the attack").expect(201);
        assertThat(health(http)).isLessThan(HEALTH_BUDGET);
    }

    /** How long the health probe took; a probe that fails or times out counts as a minute. */
    private static Duration health(HttpClient http) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + ledger.port() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Duration.ofNanos(System.nanoTime() - start) : Duration.ofMinutes(1);
        } catch (IOException e) {
            return Duration.ofMinutes(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Duration.ofMinutes(1);
        }
    }

    /** Writes to an attacking socket; one the server has closed is simply done. */
    private static void write(Socket socket, String text) {
        if (socket.isClosed() || socket.isOutputShutdown()) {
            return;
        }
        try {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            try {
                socket.shutdownOutput();
            } catch (IOException ignored) {
                // Already gone.
            }
        }
    }
}
