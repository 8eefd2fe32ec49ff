package org.contributionledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.contributionledger.LedgerApplication;
import org.contributionledger.api.support.LedgerApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code import} command against a running ledger: what it records, and that running it again
 * (as after a crash halfway) records nothing twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportIT {

    private static final String ADMIN_KEY = "import-it-admin-key-0123456789";
    private static final Path DATA = Path.of("src", "test", "resources", "data");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> LedgerApiTest.newDataDir("import-it").toString());
        registry.add("ledger.admin-key", () -> ADMIN_KEY);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void temporalRowsBecomeConfirmedActsAndARerunAddsNothing() throws Exception {
        Path file = DATA.resolve("CollegeMsg-head3000.txt");
        List<String> rows = Files.readAllLines(file).subList(1, 3001);
        Set<String> members = new HashSet<>();
        rows.forEach(row -> members.addAll(List.of(row.split(" ")).subList(0, 2)));
        String key = createCommunity("college");

        StringWriter summary = new StringWriter();
        assertThat(importFile(summary, key, "college", "temporal", file, "--category", "advice", "--value", "1")).isZero();
        assertThat(summary.toString()).startsWith("Imported CollegeMsg-head3000.txt into community 'college': members "
                + String.format("%,d", members.size()) + " new, 0 already recorded, 0 rejected;"
                + " acts 3,000 new, 0 already recorded, 0 rejected");
        long events = events();
        JsonNode stats = get("/api/v1/communities/college/stats", key);
        assertThat(stats.path("members").asLong()).isEqualTo(members.size());
        assertThat(stats.path("acts").path("confirmed").asLong()).isEqualTo(rows.size());
        assertThat(stats.path("confirmedValue").asLong()).isEqualTo(rows.size());
        JsonNode first = get("/api/v1/communities/college/contributions/CollegeMsg-head3000-0", key);
        String[] firstRow = rows.get(0).split(" ");
        assertThat(first.path("giver").asText()).isEqualTo(firstRow[0]);
        assertThat(first.path("receiver").asText()).isEqualTo(firstRow[1]);
        assertThat(first.path("category").asText()).isEqualTo("advice");
        assertThat(first.path("occurredAt").asText()).isEqualTo(
                java.time.Instant.ofEpochSecond(Long.parseLong(firstRow[2])).toString());

        assertThat(importFile(key, "college", "temporal", file, "--category", "advice", "--value", "1")).isZero();
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void signedRowsBecomeTrustDeclarationsAtTheirTimeAndARerunAddsNothing() throws Exception {
        Path file = DATA.resolve("soc-sign-bitcoinotc-head2000.csv");
        List<String> rows = Files.readAllLines(file);
        String key = createCommunity("otc-head");

        assertThat(importFile(key, "otc-head", "signed", file)).isZero();
        long events = events();
        JsonNode stats = get("/api/v1/communities/otc-head/stats", key);
        long negative = rows.stream().filter(row -> Integer.parseInt(row.split(",")[2]) < 0).count();
        assertThat(stats.path("positiveTrustDeclarations").asLong() + stats.path("negativeTrustDeclarations").asLong()).isEqualTo(rows.size());
        assertThat(stats.path("negativeTrustDeclarations").asLong()).isEqualTo(negative);

        assertThat(importFile(key, "otc-head", "signed", file)).isZero();
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void aKeyTheLedgerRefusesExitsWith4AndOneLine() throws Exception {
        createCommunity("refused");
        StringWriter err = new StringWriter();
        int exitCode = LedgerApplication.cli().setErr(new PrintWriter(err)).execute("import", "--url",
                "http://localhost:" + port, "--key", "cl_not-a-key-of-this-ledger", "--community", "refused",
                "--format", "signed", DATA.resolve("soc-sign-bitcoinotc-head2000.csv").toString());
        assertThat(exitCode).isEqualTo(ExitCodes.KEY_REFUSED);
        assertThat(err.toString()).startsWith("ledger import: the ledger at http://localhost:" + port
                + " refused the key (401)");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    private int importFile(String key, String community, String format, Path file, String... more) {
        return importFile(new StringWriter(), key, community, format, file, more);
    }

    private int importFile(StringWriter out, String key, String community, String format, Path file, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("import", "--url", "http://localhost:" + port,
                "--key", key, "--community", community, "--format", format, file.toString()));
        args.addAll(List.of(more));
        return LedgerApplication.cli().setOut(new PrintWriter(out)).execute(args.toArray(String[]::new));
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    private String createCommunity(String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/communities"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return JSON.readTree(response.body()).path("apiKey").asText();
    }

    private JsonNode get(String path, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
