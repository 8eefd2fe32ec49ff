package org.contributionledger.api.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.contributionledger.api.support.EventStoreProbe;
import org.contributionledger.api.support.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The production database: the same migrations, event store, views and reputation on a real
 * PostgreSQL server (embedded, no Docker needed; a database of its own on the tests' shared server),
 * through the HTTP API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PostgresIT {

    private static final String ADMIN_KEY = "postgres-it-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String database = SharedPostgres.newDatabase("PostgresIT");
        registry.add("spring.datasource.url", () -> SharedPostgres.jdbcUrl(database));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("ledger.admin-key", () -> ADMIN_KEY);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theWalkthroughWorksOnPostgres() throws Exception {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        String key = send("POST", "/api/v1/communities", ADMIN_KEY, "{\"id\":\"pg\",\"name\":\"On PostgreSQL\"}", 201)
                .path("apiKey").asText();
        send("POST", "/api/v1/communities/pg/members/batch", key,
                "{\"members\":[{\"id\":\"ada\",\"displayName\":\"Ada\"},{\"id\":\"bob\",\"displayName\":\"Bob\"}]}", 200);
        send("POST", "/api/v1/communities/pg/contributions", key, """
                {"id":"act-1","giver":"ada","receiver":"bob","category":"help","value":2.5,
                 "occurredAt":"2026-01-15T10:00:00Z","recordedBy":"GIVER"}""", 201);
        send("POST", "/api/v1/communities/pg/contributions/act-1/confirm", key, "{\"by\":\"bob\"}", 200);
        JsonNode batch = send("POST", "/api/v1/communities/pg/contributions/batch", key, """
                {"contributions":[
                  {"id":"act-2","giver":"bob","receiver":"ada","category":"advice","value":1,
                   "occurredAt":"2026-01-16T10:00:00Z","recordedBy":"RECEIVER"},
                  {"id":"act-3","giver":"bob","receiver":"bob","category":"advice","value":1,
                   "occurredAt":"2026-01-16T10:00:00Z","recordedBy":"RECEIVER"}]}""", 200);
        assertThat(batch.path("recorded").asLong()).isEqualTo(1);
        assertThat(batch.path("results").get(1).path("problem").path("status").asInt()).isEqualTo(422);
        send("PUT", "/api/v1/communities/pg/trust/bob/ada", key, "{\"level\":8}", 200);
        // Same id, same act: the retry is idempotent on PostgreSQL too, and answers 200 with the stored act.
        JsonNode retry = send("POST", "/api/v1/communities/pg/contributions", key, """
                {"id":"act-1","giver":"ada","receiver":"bob","category":"help","value":2.50,
                 "occurredAt":"2026-01-15T10:00:00Z","recordedBy":"GIVER"}""", 200);
        assertThat(retry.path("contributionId").asText()).isEqualTo("act-1");

        JsonNode reciprocity = send("GET", "/api/v1/communities/pg/members/ada/reciprocity", key, null, 200);
        assertThat(reciprocity.path("given").path("value").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(reciprocity.path("received").path("count").asLong()).isEqualTo(1);
        assertThat(reciprocity.path("mutualPartners").asInt()).isEqualTo(1);
        JsonNode statement = send("GET", "/api/v1/communities/pg/members/ada/statement?limit=1", key, null, 200);
        assertThat(statement.path("entries").get(0).path("contributionId").asText()).isEqualTo("act-2");
        JsonNode next = send("GET", "/api/v1/communities/pg/members/ada/statement?limit=1&cursor="
                + statement.path("nextCursor").asText(), key, null, 200);
        assertThat(next.path("entries").get(0).path("contributionId").asText()).isEqualTo("act-1");
        // Community created + key issued, two members, act-1 recorded + confirmed, act-2, one trust declaration.
        // (Community "pg" only: the other tests of this class write to the same database.)
        assertThat(new EventStoreProbe(jdbc).forCommunity("pg")).isEqualTo(8);

        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode stats;
        do {
            stats = send("GET", "/api/v1/communities/pg/stats", key, null, 200);
            Thread.sleep(50);
        } while (!stats.path("network").path("freshness").path("upToDate").asBoolean() && System.nanoTime() < deadline);
        assertThat(stats.path("network").path("trust").path("allTies").asLong()).isEqualTo(1);
        assertThat(stats.path("network").path("giving").path("mutualPairs").asLong()).isEqualTo(1);
        JsonNode reputation = send("GET", "/api/v1/communities/pg/members/ada/reputation", key, null, 200);
        // Ada and Bob each have one out-edge, to each other, so each holds exactly half of the
        // influence whatever the weights: their ranks would be decided by rounding noise (1e-11),
        // which once flipped this assertion. The score and its source are exact.
        assertThat(reputation.path("influence").path("score").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(reputation.path("topSources").get(0).path("memberId").asText()).isEqualTo("bob");
    }

    /** The listings' SQL (keyset, union of a member's acts, boolean filter, ORDER BY) on PostgreSQL, page by page. */
    @Test
    void theListingsPageAndFilterOnPostgres() throws Exception {
        String key = send("POST", "/api/v1/communities", ADMIN_KEY, "{\"id\":\"pg-list\",\"name\":\"Listings\"}", 201)
                .path("apiKey").asText();
        String c = "/api/v1/communities/pg-list";
        send("POST", c + "/members/batch", key, "{\"members\":[{\"id\":\"ada\",\"displayName\":\"Ada\"},"
                + "{\"id\":\"bob\",\"displayName\":\"Bob\"},{\"id\":\"cy\",\"displayName\":\"Cy\"}]}", 200);
        StringBuilder acts = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            acts.append(i == 0 ? "" : ",").append("{\"id\":\"a").append(i).append("\",\"giver\":\"")
                    .append(i % 2 == 0 ? "ada" : "bob").append("\",\"receiver\":\"").append(i % 2 == 0 ? "bob" : "ada")
                    .append("\",\"category\":\"").append(i < 4 ? "help" : "advice")
                    .append("\",\"value\":1,\"occurredAt\":\"2026-01-1").append(i / 2).append("T10:00:00Z\",\"recordedBy\":\"GIVER\"}");
        }
        send("POST", c + "/contributions/batch", key, "{\"contributions\":[" + acts + "]}", 200);
        send("PUT", c + "/trust/ada/bob", key, "{\"level\":4}", 200);
        send("PUT", c + "/trust/cy/bob?category=help", key, "{\"level\":-2}", 200);
        send("POST", c + "/members/cy/suspend", key, "{}", 200);

        assertThat(walk(c + "/contributions?limit=3", key, "contributionId"))
                .containsExactly("a6", "a5", "a4", "a3", "a2", "a1", "a0");
        assertThat(walk(c + "/contributions?member=ada&category=help&limit=1", key, "contributionId"))
                .containsExactly("a3", "a2", "a1", "a0");
        assertThat(walk(c + "/contributions?status=PENDING&from=2026-01-11T00:00:00Z&to=2026-01-13T00:00:00Z&limit=2", key,
                "contributionId")).containsExactly("a5", "a4", "a3", "a2");
        assertThat(walk(c + "/members?status=active&limit=1", key, "memberId")).containsExactly("ada", "bob");
        assertThat(walk(c + "/members/bob/trust?direction=in&limit=1", key, "truster")).containsExactly("ada", "cy");
        assertThat(walk("/api/v1/communities?limit=1", key, "communityId")).containsExactly("pg-list");
    }

    /** The values of {@code field} of every item, following {@code next} from {@code path} to the last page. */
    private List<String> walk(String path, String key, String field) throws Exception {
        List<String> values = new ArrayList<>();
        for (String next = path; next != null; ) {
            JsonNode page = send("GET", next, key, null, 200);
            page.path("items").forEach(item -> values.add(item.path(field).asText()));
            next = page.path("next").isTextual() ? page.path("next").asText() : null;
        }
        return values;
    }

    /**
     * The embedded server starts with {@code synchronous_commit=off} (as some tuned production servers
     * do): a commit is acknowledged before its WAL is flushed. The ledger's own sessions raise it to
     * {@code on}, so what it acknowledges is on disk.
     */
    @Test
    void theLedgersSessionsCommitSynchronouslyWhateverTheServerDefault() throws Exception {
        try (Connection plain = SharedPostgres.server().getPostgresDatabase().getConnection();
             Statement statement = plain.createStatement();
             ResultSet row = statement.executeQuery("SHOW synchronous_commit")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).as("the server's default").isEqualTo("off");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        }
        // The embedded server also runs with fsync=off, which the ledger reports at start as DURABILITY AT RISK.
    }

    /**
     * On PostgreSQL the key that encrypts webhook secrets comes only from LEDGER_WEBHOOK_SECRETS_KEY
     * (nodes must share it): without it the ledger runs, the webhook tables migrate, settings without
     * a secret are kept, and a secret is refused with a problem that says what to set.
     */
    @Test
    void withoutTheSecretsKeyWebhookSecretsAreRefusedAndTheLedgerRuns() throws Exception {
        String key = send("POST", "/api/v1/communities", ADMIN_KEY,
                "{\"id\":\"pg-hooks\",\"name\":\"Hooks on PostgreSQL\"}", 201).path("apiKey").asText();
        JsonNode refused = send("PUT", "/api/v1/communities/pg-hooks/webhooks/slack/settings", key,
                "{\"secret\":\"a-slack-signing-secret\"}", 409);
        assertThat(refused.path("type").asText()).endsWith("/webhook-secrets-key-missing");
        assertThat(refused.path("detail").asText()).contains("LEDGER_WEBHOOK_SECRETS_KEY");
        JsonNode kept = send("PUT", "/api/v1/communities/pg-hooks/webhooks/slack/settings", key,
                "{\"kinds\":{\"reaction_added\":{\"value\":2}}}", 200);
        assertThat(kept.path("secretSet").asBoolean()).isFalse();
        assertThat(kept.at("/kinds/reaction_added/value").decimalValue()).isEqualByComparingTo("2");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM webhook_settings WHERE community_id = 'pg-hooks'",
                Integer.class)).isEqualTo(1);
    }

    private JsonNode send(String method, String path, String key, String body, int expectedStatus) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
