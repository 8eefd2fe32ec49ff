package org.contributionledger.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.OpenApiContract;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the repository's {@code requests.http} from top to bottom against a fresh ledger, as a
 * reader of the README would, and expects every request to succeed and to match the OpenAPI
 * document: the file documents every endpoint, so it must never drift from the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestsHttpIT {

    private static final Path REQUESTS = Path.of("..", "requests.http");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{(\\w+)}}");
    private static final Pattern CAPTURE = Pattern.compile("client\\.global\\.set\\(\"(\\w+)\", response\\.body\\.(\\w+)\\)");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("ledger.data-dir", () -> LedgerApiTest.newDataDir("requests-http-it").toString());
        registry.add("ledger.admin-key", () -> "change-me-to-a-long-random-admin-key");
    }

    @LocalServerPort
    int port;

    @Test
    void everyRequestOfRequestsHttpSucceedsInOrder() throws Exception {
        String text = Files.readString(REQUESTS).replace("http://localhost:8080", "http://localhost:" + port);
        Map<String, String> variables = new HashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        List<String> methods = new ArrayList<>();

        for (String block : text.split("(?m)^###")) {
            List<String> lines = new ArrayList<>(List.of(block.split("\n", -1)));
            lines.remove(0); // the rest of the ### line: a title
            for (String line : lines) {
                Matcher definition = Pattern.compile("^@(\\w+)\\s*=\\s*(.*)$").matcher(line.strip());
                if (definition.matches()) {
                    variables.put(definition.group(1), substitute(definition.group(2), variables));
                }
            }
            int start = 0;
            while (start < lines.size() && (lines.get(start).isBlank() || lines.get(start).startsWith("#")
                    || lines.get(start).startsWith("@"))) {
                start++;
            }
            if (start == lines.size()) {
                continue;
            }
            String[] requestLine = substitute(lines.get(start), variables).split(" ", 2);
            URI uri = URI.create(requestLine[1].strip());
            HttpRequest.Builder request = HttpRequest.newBuilder(uri);
            Map<String, String> headers = new HashMap<>();
            int line = start + 1;
            for (; line < lines.size() && !lines.get(line).isBlank(); line++) {
                String[] header = substitute(lines.get(line), variables).split(":", 2);
                request.header(header[0].strip(), header[1].strip());
                headers.put(header[0].strip(), header[1].strip());
            }
            StringBuilder body = new StringBuilder();
            String handler = null;
            for (; line < lines.size(); line++) {
                if (lines.get(line).startsWith("> {%")) {
                    handler = lines.get(line);
                    break;
                }
                body.append(lines.get(line)).append('\n');
            }
            String payload = substitute(body.toString().strip(), variables);
            request.method(requestLine[0], payload.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(payload));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> received = new HashMap<>();
            response.headers().map().forEach((name, values) -> received.put(name, values.get(0)));
            OpenApiContract.checkExchange(port, requestLine[0], uri.getRawPath()
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), headers, payload,
                    response.statusCode(), received, response.body());

            assertThat(response.statusCode()).as("%s %s answered %s", requestLine[0], requestLine[1], response.body())
                    .isBetween(200, 299);
            methods.add(requestLine[0] + " " + requestLine[1]);
            if (handler != null) {
                Matcher capture = CAPTURE.matcher(handler);
                int captured = 0;
                while (capture.find()) {
                    variables.put(capture.group(1), json.readTree(response.body()).path(capture.group(2)).asText());
                    captured++;
                }
                assertThat(captured).as("variables set by %s", handler).isPositive();
            }
        }
        assertThat(methods).hasSizeGreaterThanOrEqualTo(25);
    }

    private static String substitute(String text, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(
                    variables.getOrDefault(matcher.group(1), matcher.group())));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
