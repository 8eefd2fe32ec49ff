package org.contributionledger.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.EventStoreProbe;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.Reply;
import org.contributionledger.query.audit.ChainEncoding;
import org.contributionledger.query.audit.StoredEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The export, read back against the event store itself: every event of the community and no
 * other, in order, each stored column rebuilt byte for byte from its JSON line, and each line's
 * digest checked on its own with the chain's encoding. The network export is read back by networkx
 * (a stored Python script) and compared with the reputation and reciprocity endpoints. Run on H2
 * ({@link ExportIT}) and PostgreSQL ({@link ExportPostgresIT}): the export's SQL must hold on both.
 */
abstract class ExportChecks {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private LedgerClient admin;
    private String community;
    private String other;
    private LedgerClient platform;
    private LedgerClient otherPlatform;
    private String platformKey;
    private String otherKey;

    @BeforeEach
    void recordHistory() {
        admin = LedgerClient.admin(port);
        // '_' in the id: a LIKE that does not escape it would also match 'expXa...'.
        community = unique("exp_a");
        other = unique("exp-b");
        // Quotes and a comma in a field stored in plain (descriptions and names are stored encrypted).
        LedgerClient.Community created = admin.createCommunity(community, "Exported, with \"quotes\"");
        LedgerClient.Community otherCreated = admin.createCommunity(other, "Not exported");
        platform = created.client();
        platformKey = created.apiKey();
        otherPlatform = otherCreated.client();
        otherKey = otherCreated.apiKey();
        for (String member : List.of("ada", "bob", "cy")) {
            platform.registerMember(community, member, member.toUpperCase() + ", \"quoted\"").expect(201);
        }
        // The other community has members named like this community, and trust between them:
        // aggregate identifiers trust/<other>/<community>/... hold this community's id as a segment.
        for (String member : List.of(community, community.replace('_', 'x'), "ada")) {
            otherPlatform.registerMember(other, member, "Other " + member).expect(201);
        }
        otherPlatform.declareTrust(other, community, "ada", 5).expect(200);
        otherPlatform.declareTrust(other, "ada", community.replace('_', 'x'), 5).expect(200);
        otherPlatform.record(other, Act.of("o-1", "ada", community)).expect(201);

        platform.record(community, Act.of("h-1", "ada", "bob").value(5)).expect(201);
        platform.record(community, Act.of("h-2", "bob", "cy").value(new BigDecimal("2.50"))).expect(201);
        platform.record(community, Act.of("a-1", "cy", "ada").category("advice").value(7)
                .description("Advice, with a comma and \"quotes\"")).expect(201);
        platform.record(community, Act.of("a-2", "ada", "cy").category("advice").value(3).recordedByReceiver()).expect(201);
        platform.confirm(community, "h-1", "bob").expect(200);
        platform.confirm(community, "a-1", "ada").expect(200);
        platform.put("/communities/" + community + "/trust/bob/ada", Map.of("level", 8)).expect(200);
        platform.put("/communities/" + community + "/trust/cy/ada?category=advice", Map.of("level", 4)).expect(200);
        new EventStoreProbe(jdbc).awaitChained();
    }

    @Test
    void jsonLinesHoldEveryEventOfTheCommunityAsStoredWithDigestsThatVerifyOneByOne() throws Exception {
        List<StoredEvent> store = storedEventsOf(community);
        Reply reply = platform.get("/communities/" + community + "/export/events").expect(200);
        assertThat(reply.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> lines = lines(reply.body());

        assertThat(lines).hasSize(store.size());
        assertThat(store).hasSizeGreaterThan(10);
        Map<Long, String> chain = new HashMap<>();
        jdbc.query("SELECT position, digest FROM event_chain", row -> {
            chain.put(row.getLong(1), row.getString(2));
        });
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            StoredEvent stored = store.get(i);
            StoredEvent rebuilt = rebuild(line);
            assertThat(rebuilt.position()).isEqualTo(stored.position());
            assertThat(rebuilt).usingRecursiveComparison().isEqualTo(stored);
            assertThat(rebuilt.payload()).isEqualTo(stored.payload());
            assertThat(rebuilt.metaData()).isEqualTo(stored.metaData());
            assertThat(line.path("aggregateType").asText()).isEqualTo(
                    jdbc.queryForObject("SELECT type FROM DomainEventEntry WHERE globalIndex = ?", String.class, stored.position()));
            // Each line verifies on its own: SHA-256(previousDigest || canonical bytes) == digest.
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(ChainEncoding.fromHex(line.path("previousDigest").asText()));
            sha256.update(ChainEncoding.canonical(rebuilt));
            assertThat(ChainEncoding.hex(sha256.digest())).isEqualTo(line.path("digest").asText())
                    .isEqualTo(chain.get(stored.position()));
            JsonNode metaData = JSON.readTree(stored.metaData());
            assertThat(line.at("/provenance/keyId").asText()).isEqualTo(metaData.path("keyId").asText()).isNotEmpty();
            assertThat(line.at("/provenance/requestId").asText()).isEqualTo(metaData.path("requestId").asText());
            assertThat(line.at("/provenance/receivedAt").asText()).isEqualTo(metaData.path("receivedAt").asText());
        }
        // The events our own serializer wrote need no copy of their bytes: the JSON value gives them back.
        assertThat(lines).allSatisfy(line -> assertThat(line.has("payloadBase64")).isFalse());
        assertThat(lines.get(0).path("previousDigest").asText()).isEqualTo(chain.get(
                jdbc.queryForObject("SELECT MAX(position) FROM event_chain WHERE position < ?", Long.class, store.get(0).position())));
    }

    @Test
    void filtersNarrowTheExportToTheMatchingEvents() throws Exception {
        List<StoredEvent> store = storedEventsOf(community);
        String base = "/communities/" + community + "/export/events";

        List<JsonNode> cy = lines(platform.get(base + "?member=cy").expect(200).body());
        assertThat(positions(cy)).isEqualTo(store.stream().filter(event -> names(event, "cy"))
                .map(StoredEvent::position).toList()).isNotEmpty();

        List<JsonNode> advice = lines(platform.get(base + "?category=advice").expect(200).body());
        assertThat(positions(advice)).isEqualTo(store.stream()
                .filter(event -> "advice".equals(payload(event).path("category").asText(null)))
                .map(StoredEvent::position).toList());
        assertThat(advice).hasSize(4); // two acts, one confirmation, one trust

        long second = store.get(1).position();
        long fifth = store.get(4).position();
        List<JsonNode> range = lines(platform.get(base + "?fromPosition=" + second + "&toPosition=" + fifth).expect(200).body());
        assertThat(positions(range)).containsExactly(store.subList(1, 5).stream().map(StoredEvent::position).toArray(Long[]::new));

        // Time: [from, to) over the stored timestamps.
        String from = store.get(2).timeStamp();
        String to = store.get(store.size() - 1).timeStamp();
        List<Long> byTime = positions(lines(platform.get(base + "?from=" + from + "&to=" + to).expect(200).body()));
        assertThat(byTime).isEqualTo(store.stream().filter(event -> event.timeStamp().compareTo(from) >= 0
                && java.time.Instant.parse(event.timeStamp()).isBefore(java.time.Instant.parse(to)))
                .map(StoredEvent::position).toList());
        assertThat(byTime).doesNotContain(store.get(0).position(), store.get(store.size() - 1).position());
    }

    @Test
    void csvHasOneRowPerEventWithThePayloadAsJsonText() throws Exception {
        List<StoredEvent> store = storedEventsOf(community);
        Reply reply = platform.get("/communities/" + community + "/export/events?format=csv").expect(200);
        assertThat(reply.contentType()).startsWith("text/csv");
        List<List<String>> rows = Csv.parse(reply.body());
        assertThat(rows.get(0)).containsExactly("position", "eventId", "type", "time", "aggregate", "keyId", "requestId",
                "receivedAt", "digest", "payload");
        assertThat(rows).hasSize(store.size() + 1);
        for (int i = 0; i < store.size(); i++) {
            List<String> row = rows.get(i + 1);
            StoredEvent stored = store.get(i);
            assertThat(row.get(0)).isEqualTo(String.valueOf(stored.position()));
            assertThat(row.get(1)).isEqualTo(stored.eventIdentifier());
            assertThat(row.get(2)).isEqualTo(stored.payloadType());
            assertThat(row.get(3)).isEqualTo(stored.timeStamp());
            assertThat(row.get(4)).isEqualTo(stored.aggregateIdentifier());
            assertThat(row.get(8)).hasSize(64);
            assertThat(row.get(9)).isEqualTo(new String(stored.payload(), StandardCharsets.UTF_8));
        }
        assertThat(rows).anySatisfy(row -> assertThat(row.get(9)).contains("\\\"quotes\\\"").contains(","));
    }

    @Test
    void badInputsAreProblems() {
        String base = "/communities/" + community + "/export/";
        assertThat(platform.get(base + "events?format=xml").expectProblem(400, "invalid-request").text("/detail"))
                .contains("jsonl", "csv");
        assertThat(platform.get(base + "network?format=pdf").expectProblem(400, "invalid-request").text("/detail"))
                .contains("gexf", "graphml", "csv");
        platform.get(base + "events?from=yesterday").expectProblem(400, "invalid-request");
        platform.get(base + "events?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").expectProblem(400, "invalid-request");
        platform.get(base + "events?fromPosition=9&toPosition=3").expectProblem(400, "invalid-request");
        platform.get(base + "events?fromPosition=x").expectProblem(400, null);
        platform.get(base + "events?fromPosition=" + Long.MIN_VALUE).expectProblem(400, "invalid-request");
        admin.get("/communities/" + unique("none") + "/export/events").expectProblem(404, "not-found");
        admin.get("/communities/" + unique("none") + "/export/network").expectProblem(404, "not-found");
        // A community's key reads its own history only.
        otherPlatform.get(base + "events").expectProblem(403, null);
    }

    @Test
    void theNetworkReadByNetworkxMatchesTheReputationAndReciprocityAnswers() throws Exception {
        // Reputation follows writes within about two seconds: wait until every member is ranked
        // and two exports in a row agree, so the export and the leaderboard read one snapshot.
        Map<String, Double> influence = awaitInfluence();
        for (String format : List.of("gexf", "graphml")) {
            Reply reply = platform.get("/communities/" + community + "/export/network?format=" + format).expect(200);
            assertThat(reply.contentType()).startsWith("application/" + format + "+xml");
            JsonNode read = networkx(reply.body(), format);
            assertThat(read.path("directed").asBoolean()).isTrue();
            assertThat(iterable(read.path("nodes").fieldNames())).containsExactlyInAnyOrder("ada", "bob", "cy");
            for (String member : List.of("ada", "bob", "cy")) {
                JsonNode node = read.path("nodes").path(member);
                JsonNode reciprocity = platform.reciprocity(community, member).expect(200).json();
                assertThat(node.path("influence").asDouble()).as("%s influence in %s", member, format)
                        .isEqualTo(influence.get(member));
                assertThat(node.path("givenCount").asLong()).isEqualTo(reciprocity.at("/given/count").asLong());
                assertThat(node.path("receivedCount").asLong()).isEqualTo(reciprocity.at("/received/count").asLong());
                assertThat(new BigDecimal(node.path("givenValue").asText())).isEqualByComparingTo(
                        reciprocity.at("/given/value").decimalValue());
                assertThat(new BigDecimal(node.path("receivedValue").asText())).isEqualByComparingTo(
                        reciprocity.at("/received/value").decimalValue());
                assertThat(node.path("role").asText()).isEqualTo(reciprocity.path("role").asText());
                assertThat(node.path(format.equals("gexf") ? "label" : "displayName").asText())
                        .isEqualTo(member.toUpperCase() + ", \"quoted\"");
            }
            assertThat(edges(read)).containsExactlyInAnyOrder(
                    "bob>ada trust 8 * 1", "cy>ada trust 4 advice 1",
                    "ada>bob gift 5 help 1", "cy>ada gift 7 advice 1", "ada>cy gift 3 advice 1");
        }
        Reply csv = platform.get("/communities/" + community + "/export/network?format=csv").expect(200);
        assertThat(Csv.parse(csv.body())).containsExactlyInAnyOrder(
                List.of("source", "target", "kind", "weight", "category"),
                List.of("bob", "ada", "trust", "8", "*"), List.of("cy", "ada", "trust", "4", "advice"),
                List.of("ada", "bob", "gift", "5", "help"), List.of("cy", "ada", "gift", "7", "advice"),
                List.of("ada", "cy", "gift", "3", "advice"));
    }

    @Test
    void theCliWritesTheSameFileAndSaysOnOneLineWhatWentWrong() throws Exception {
        Path dir = LedgerApiTest.newDataDir("export-cli");
        Path file = dir.resolve("events.jsonl");
        String url = "http://localhost:" + port;
        String key = platformKey;
        assertThat(cli(url, key, "--community", community, "--member", "cy", "--out", file.toString()).exitCode).isZero();
        assertThat(Files.readString(file)).isEqualTo(
                platform.get("/communities/" + community + "/export/events?member=cy").expect(200).body());
        Path network = dir.resolve("network.graphml");
        assertThat(cli(url, key, "--community", community, "--format", "graphml", "--out", network.toString()).exitCode)
                .isZero();
        assertThat(networkx(Files.readString(network), "graphml").path("nodes").size()).isEqualTo(3);

        CliRun unknown = cli(url, LedgerClient.ADMIN_KEY, "--community", unique("none"), "--out", dir.resolve("none.jsonl").toString());
        assertThat(unknown.exitCode).isEqualTo(org.contributionledger.cli.ExitCodes.FAILED);
        assertThat(unknown.err.strip()).contains("404", "does not exist").doesNotContain("\n");
        assertThat(Files.exists(dir.resolve("none.jsonl"))).isFalse();
        assertThat(Files.exists(dir.resolve("none.jsonl.partial"))).isFalse();
        CliRun badFormat = cli(url, key, "--community", community, "--format", "pdf");
        assertThat(badFormat.exitCode).isEqualTo(org.contributionledger.cli.ExitCodes.USAGE);
        assertThat(badFormat.err).contains("jsonl, csv, gexf, graphml, edges.csv");
        CliRun refused = cli(url, otherKey, "--community", community, "--out", dir.resolve("x").toString());
        assertThat(refused.exitCode).isEqualTo(org.contributionledger.cli.ExitCodes.KEY_REFUSED);
    }

    private record CliRun(int exitCode, String err) {
    }

    private static CliRun cli(String url, String key, String... args) {
        java.io.StringWriter err = new java.io.StringWriter();
        List<String> arguments = new ArrayList<>(List.of("export", "--url", url, "--key", key));
        arguments.addAll(List.of(args));
        int exitCode = org.contributionledger.LedgerApplication.cli().setOut(new java.io.PrintWriter(new java.io.StringWriter()))
                .setErr(new java.io.PrintWriter(err, true)).execute(arguments.toArray(String[]::new));
        return new CliRun(exitCode, err.toString());
    }

    private static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private Map<String, Double> awaitInfluence() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Map<String, Double> previous = null;
        while (true) {
            Map<String, Double> scores = new HashMap<>();
            Reply board = platform.get("/communities/" + community + "/leaderboard?limit=100");
            if (board.status() == 200) {
                board.at("/entries").forEach(entry -> scores.put(entry.path("memberId").asText(), entry.path("score").asDouble()));
            }
            if (scores.size() == 3 && scores.equals(previous)) {
                return scores;
            }
            previous = scores;
            assertThat(System.nanoTime()).as("reputation settled within 60 s").isLessThan(deadline);
            Thread.sleep(2_500);
        }
    }

    private static JsonNode networkx(String document, String format) throws IOException, InterruptedException {
        Path file = Files.createTempFile("network", "." + format);
        Path script = Files.createTempFile("read_network", ".py");
        try (var in = ExportChecks.class.getResourceAsStream("/export/read_network.py")) {
            Files.write(script, in.readAllBytes());
        }
        Files.writeString(file, document);
        Process python = new ProcessBuilder("python3", script.toString(), file.toString(), format)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor()).as("networkx read the %s export: %s", format, out).isZero();
        return JSON.readTree(out);
    }

    private static List<String> edges(JsonNode read) {
        List<String> edges = new ArrayList<>();
        read.path("edges").forEach(edge -> {
            JsonNode data = edge.get(2);
            edges.add(edge.get(0).asText() + ">" + edge.get(1).asText() + " " + data.path("kind").asText() + " "
                    + new BigDecimal(data.path("weight").asText()).stripTrailingZeros().toPlainString() + " "
                    + data.path("category").asText() + " " + data.path("count").asLong());
        });
        return edges;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> items) {
        List<T> list = new ArrayList<>();
        items.forEachRemaining(list::add);
        return list;
    }

    /** The row as the JSON line says it was stored: the bytes from the value, or from base64 when sent. */
    private static StoredEvent rebuild(JsonNode line) throws IOException {
        return new StoredEvent(line.path("position").asLong(), line.path("eventId").asText(),
                line.path("payloadType").asText(), line.path("payloadRevision").isNull() ? null : line.path("payloadRevision").asText(),
                line.path("aggregateIdentifier").asText(), line.path("sequenceNumber").asLong(),
                line.path("timestamp").asText(), bytes(line, "payload"), bytes(line, "metaData"));
    }

    private static byte[] bytes(JsonNode line, String name) throws IOException {
        if (line.has(name + "Base64")) {
            return Base64.getDecoder().decode(line.path(name + "Base64").asText());
        }
        return line.path(name).isNull() ? null : JSON.writeValueAsBytes(line.path(name));
    }

    private List<StoredEvent> storedEventsOf(String communityId) {
        List<StoredEvent> events = new ArrayList<>();
        jdbc.query("SELECT globalIndex, eventIdentifier, payloadType, payloadRevision, aggregateIdentifier,"
                + " sequenceNumber, timeStamp, payload, metaData FROM DomainEventEntry ORDER BY globalIndex", row -> {
                    String aggregate = row.getString(5);
                    if (aggregate.split("/")[1].equals(communityId)) {
                        events.add(new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                                aggregate, row.getLong(6), row.getString(7), row.getBytes(8), row.getBytes(9)));
                    }
                });
        return events;
    }

    private static List<JsonNode> lines(String body) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(body).endsWith("\n");
        return lines;
    }

    private static List<Long> positions(List<JsonNode> lines) {
        return lines.stream().map(line -> line.path("position").asLong()).toList();
    }

    private static boolean names(StoredEvent event, String member) {
        JsonNode payload = payload(event);
        return Set.of("giver", "receiver", "truster", "trustee", "memberId").stream()
                .anyMatch(field -> member.equals(payload.path(field).asText(null)));
    }

    private static JsonNode payload(StoredEvent event) {
        try {
            return JSON.readTree(event.payload());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    field.append(c);
                }
            }
            assertThat(field.length()).as("the CSV ends with CRLF").isZero();
            return rows;
        }
    }
}
