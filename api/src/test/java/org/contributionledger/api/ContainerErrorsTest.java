package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.RawHttp;
import org.contributionledger.api.support.RawHttp.Answer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Requests the servlet container refuses before the application sees them (malformed request
 * lines and paths, oversized headers) are answered as problem+json too, never with Tomcat's HTML
 * page. Sent over raw sockets, because HTTP clients would normalise or refuse to send them.
 */
class ContainerErrorsTest extends LedgerApiTest {

    private Answer send(String requestLine, String... headers) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return RawHttp.exchange(port, request.append("Connection: close\r\n\r\n").toString());
    }

    private static void isProblem(Answer answer, int status) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.json().path("type").asText()).startsWith("https://contributionledger.org/problems/");
        assertThat(answer.json().path("title").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContainIgnoringCase("<html").doesNotContainIgnoringCase("tomcat");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /a%00b HTTP/1.1", "GET /% HTTP/1.1", "GET /api/v1/%zz HTTP/1.1",
            "GET /a<b>c HTTP/1.1", "GET /a|b HTTP/1.1", "GET /{x} HTTP/1.1", "GET /a\u0001b HTTP/1.1",
            "GET /../../etc/passwd HTTP/1.1", "GET /a/%2e%2e/%2e%2e/b HTTP/1.1",
            "GET nowhere HTTP/1.1", "GET /actuator/health HTTP/9.9", "G@T / HTTP/1.1"})
    void aMalformedRequestLineIsA400Problem(String requestLine) {
        Answer answer = send(requestLine);
        assertThat(answer.status()).as("status of %s", answer).isBetween(400, 505);
        isProblem(answer, answer.status());
    }

    @Test
    void anOversizedHeaderIsAProblem() {
        Answer answer = send("GET /actuator/health HTTP/1.1", "X-Padding: " + "x".repeat(20_000));
        isProblem(answer, answer.status());
        assertThat(answer.status()).isIn(400, 431);
    }

    @Test
    void tooManyHeaderBytesInTotalIsAProblem() {
        String[] headers = new String[200];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = "X-Header-" + i + ": " + "y".repeat(100);
        }
        Answer answer = send("GET /actuator/health HTTP/1.1", headers);
        isProblem(answer, answer.status());
    }

    @Test
    void aBadHeaderLineIsAProblem() {
        isProblem(send("GET /actuator/health HTTP/1.1", "Not a header"), 400);
        isProblem(send("POST /api/v1/communities HTTP/1.1", "Content-Length: nope"), 400);
    }

    @Test
    void methodsTheContainerRefusesAreProblems() {
        isProblem(send("TRACE /actuator/health HTTP/1.1"), 405);
    }

    @Test
    void theErrorPageIsNoBackDoorToAnotherShape() {
        LedgerClient.admin(port).get("//error").expectProblem(404, null);
    }

    @Test
    void ordinaryRequestsStillWork() {
        Answer health = send("GET /actuator/health HTTP/1.1");
        assertThat(health.status()).isEqualTo(200);
        Answer unauthorized = send("GET /api/v1/communities/x HTTP/1.1");
        isProblem(unauthorized, 401);
        LedgerClient.admin(port).get("//actuator/health").expect(200);
    }
}
