package org.contributionledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The CLI sends a request again when the ledger answers "busy" (503 or 429 with Retry-After), and
 * only then. The server here plays the ledger's two answers; the import itself is tested end to end
 * against the real ledger in {@code ImportIT}.
 */
class LedgerHttpClientTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers each request with the next status of {@code statuses}, the last one from then on. */
    private LedgerHttpClient ledgerAnswering(List<Integer> statuses, AtomicInteger requests) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int status = statuses.get(Math.min(requests.getAndIncrement(), statuses.size() - 1));
            byte[] body = (status == 200 ? "{\"recorded\":1}" : "{\"status\":" + status + "}")
                    .getBytes(StandardCharsets.UTF_8);
            if (status == 503 || status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new LedgerHttpClient("http://127.0.0.1:" + server.getAddress().getPort(), "key");
    }

    @Test
    void aBusyLedgerIsAskedAgainAfterRetryAfter() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        LedgerHttpClient client = ledgerAnswering(List.of(503, 429, 200), requests);

        long started = System.nanoTime();
        assertThat(client.post("/batch", List.of()).path("recorded").asInt()).isEqualTo(1);

        assertThat(requests).hasValue(3);
        assertThat((System.nanoTime() - started) / 1_000_000).as("waited Retry-After twice").isGreaterThanOrEqualTo(2000);
    }

    @Test
    void aRefusalIsNotSentAgain() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        LedgerHttpClient client = ledgerAnswering(List.of(422), requests);

        assertThatThrownBy(() -> client.post("/batch", List.of()))
                .isInstanceOf(LedgerHttpClient.LedgerCallFailed.class).hasMessageContaining("422");
        assertThat(requests).hasValue(1);
    }
}
