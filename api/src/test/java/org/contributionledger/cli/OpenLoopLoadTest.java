package org.contributionledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The read benchmark's load: every scheduled request is sent, failures are counted, waiting is measured. */
class OpenLoopLoadTest {

    private HttpServer server;
    private ExecutorService serverThreads;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverThreads = Executors.newFixedThreadPool(8);
        server.setExecutor(serverThreads);
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/refused", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path)).GET()
                .build();
    }

    @Test
    void sendsEveryScheduledRequestAndCountsTheServersTimeInTheLatency() throws Exception {
        OpenLoopLoad load = new OpenLoopLoad(HttpClient.newHttpClient(), 16);
        OpenLoopLoad.Result result = load.run(i -> get("/slow"), 50, Duration.ofSeconds(1));
        assertThat(result.sent()).isEqualTo(50);
        assertThat(result.failed()).isZero();
        assertThat(result.p50Ms()).isGreaterThanOrEqualTo(30);
        assertThat(result.p99Ms()).isGreaterThanOrEqualTo(result.p50Ms());
        assertThat(result.maxMs()).isGreaterThanOrEqualTo(result.p99Ms());
    }

    @Test
    void countsAnswersOtherThan2xxAsFailed() throws Exception {
        OpenLoopLoad load = new OpenLoopLoad(HttpClient.newHttpClient(), 4);
        OpenLoopLoad.Result result = load.run(i -> get("/refused"), 20, Duration.ofSeconds(1));
        assertThat(result.sent()).isEqualTo(20);
        assertThat(result.failed()).isEqualTo(20);
    }

    @Test
    void aPercentileIsTheSmallestLatencyThatTheShareDoesNotExceed() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(OpenLoopLoad.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(OpenLoopLoad.percentile(sorted, 0.99)).isEqualTo(10);
        assertThat(OpenLoopLoad.percentile(new long[] {7}, 0.99)).isEqualTo(7);
    }
}
