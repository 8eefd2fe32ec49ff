package org.contributionledger.api.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.contributionledger.LedgerApplication;
import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerJar;
import org.contributionledger.api.support.Reply;
import org.contributionledger.api.support.TestLedger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The offline replay, end to end: a community's history (acts confirmed, disputed, revoked and
 * corrected, trust given and withdrawn, a member renamed) recorded in a ledger that holds another
 * community too, exported, and replayed by the real jar ({@code ledger replay}) on a new directory.
 * Every read endpoint of the replay answers what the original answers, the event export byte for
 * byte; writes are refused and store nothing; and an export tampered with (a payload edited, a
 * line removed, two lines swapped) stops the replay at the right line and position, exit status 5.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=WARN", "spring.main.banner-mode=off"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private String community;
    private String platformKey;
    private LedgerClient platform;
    private Path export;
    private List<String> lines;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestLedger.properties(LedgerApiTest.newDataDir("replay-original")).forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    void recordAndExport() throws Exception {
        LedgerClient admin = LedgerClient.admin(port);
        community = "replayed-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        LedgerClient.Community created = admin.createCommunity(community, "Replayed guild");
        platform = created.client();
        platformKey = created.apiKey();
        LedgerClient otherPlatform = admin.createCommunity(other, "Not exported").client();
        for (String member : List.of("ada", "bob", "cy", "dan")) {
            platform.registerMember(community, member, member.toUpperCase()).expect(201);
            // The other community's events lie between this community's: the export is a subset of the store.
            otherPlatform.registerMember(other, member, "Other " + member).expect(201);
        }
        platform.record(community, Act.of("h-1", "ada", "bob")).expect(201);
        platform.confirm(community, "h-1", "bob").expect(200);
        otherPlatform.record(other, Act.of("o-1", "ada", "bob").recordedByReceiver()).expect(201);
        platform.record(community, Act.of("h-2", "bob", "cy").value(new java.math.BigDecimal("2.50")).recordedByReceiver()).expect(201);
        platform.record(community, Act.of("a-1", "cy", "ada").category("advice").value(7)).expect(201);
        platform.dispute(community, "a-1", "ada", "Not that much").expect(200);
        platform.confirm(community, "a-1", "ada").expect(200);
        // Three events of one act in a row: the tamper test removes the middle one.
        platform.record(community, Act.of("h-3", "dan", "ada").value(3)).expect(201);
        platform.dispute(community, "h-3", "ada", "Never happened").expect(200);
        platform.revoke(community, "h-3", "dan", "Mixed it up").expect(200);
        otherPlatform.declareTrust(other, "ada", "bob", 3).expect(200);
        platform.post("/communities/" + community + "/contributions/h-1/corrections",
                Map.of("by", "ada", "value", 4, "reason", "Counted the coffee break")).expect(200);
        platform.post("/communities/" + community + "/contributions/h-1/corrections/accept", Map.of("by", "bob")).expect(200);
        platform.record(community, Act.of("p-1", "ada", "dan").value(1)).expect(201);
        platform.declareTrust(community, "bob", "ada", 8).expect(200);
        platform.put("/communities/" + community + "/trust/cy/ada?category=advice", Map.of("level", 4)).expect(200);
        platform.declareTrust(community, "dan", "bob", 6).expect(200);
        platform.declareTrust(community, "ada", "cy", -2).expect(200);
        platform.withdrawTrust(community, "dan", "bob").expect(204);
        platform.patch("/communities/" + community + "/members/bob", Map.of("displayName", "Robert")).expect(200);
        String identities = "/communities/" + community + "/members/";
        platform.put(identities + "ada/identities/github/583231", Map.of("login", "ada")).expect(201);
        platform.put(identities + "ada/identities/github/583231", Map.of("login", "ada-lovelace")).expect(200);
        platform.put(identities + "bob/identities/slack/U024BE7LH", Map.of("login", "U024BE7LH")).expect(201);
        platform.put(identities + "cy/identities/discourse/17", Map.of("login", "cy")).expect(201);
        platform.delete(identities + "cy/identities/discourse/17").expect(204);
        otherPlatform.record(other, Act.of("o-2", "bob", "ada").recordedByReceiver()).expect(201);
        awaitChained();
        awaitReputation(platform);

        Reply exported = platform.get("/communities/" + community + "/export/events").expect(200);
        export = Files.createTempFile("replay", ".jsonl");
        Files.writeString(export, exported.body());
        lines = exported.body().lines().toList();
        assertThat(lines).hasSizeGreaterThan(20);
    }

    @Test
    void theReplayAnswersEveryReadAsTheOriginalDoesAndRefusesWrites() throws Exception {
        Path data = LedgerApiTest.newDataDir("replay").resolve("store");
        int replayPort = freePort();
        Path log = Files.createTempFile("replay", ".log");
        try (LedgerJar replay = LedgerJar.start(List.of("replay", "--from", export.toString(), "--data", data.toString(),
                "--port", Integer.toString(replayPort)), Map.of("LEDGER_ADMIN_KEY", LedgerClient.ADMIN_KEY), replayPort, log)) {
            replay.awaitUp("//actuator/health");
            assertThat(replay.log()).contains(String.format("%,d events verified and imported", lines.size()));
            // Reads authenticate with the community's own key (its digest came with the history) and with the admin key.
            LedgerClient copy = replay.client().withKey(platformKey);
            awaitReputation(copy);

            SoftAssertions answers = new SoftAssertions();
            for (String path : readPaths()) {
                String original = comparable(platform.get(path));
                String replayed = comparable(copy.get(path));
                answers.assertThat(difference(original, replayed)).as("%s%n original: %s%n replay:   %s", path, original, replayed)
                        .isNull();
            }
            answers.assertAll();
            String stats = "/communities/" + community + "/stats";
            assertThat(difference(comparable(platform.get(stats)), comparable(replay.client().get(stats)))).isNull();
            String base = "/communities/" + community;
            assertThat(copy.get(base + "/members/bob").text("/displayName")).isEqualTo("Robert");
            assertThat(copy.get(base + "/contributions/h-3").text("/status")).isEqualTo("REVOKED");

            // Each refusal is also checked against the OpenAPI document the replay serves, which lists it.
            List<String[]> writes = List.of(
                    new String[] {"POST", base + "/contributions", JSON.writeValueAsString(Act.of("new", "ada", "bob"))},
                    new String[] {"POST", base + "/contributions/p-1/confirm", "{\"by\":\"dan\"}"},
                    new String[] {"PUT", base + "/trust/ada/bob", "{\"level\":5}"},
                    new String[] {"DELETE", base + "/trust/bob/ada", null},
                    new String[] {"PATCH", base + "/members/ada", "{\"displayName\":\"Changed\"}"},
                    new String[] {"POST", base + "/members", "{\"id\":\"eve\",\"displayName\":\"Eve\"}"},
                    new String[] {"POST", "/communities", "{\"id\":\"new-one\",\"name\":\"New\"}"},
                    new String[] {"POST", "/audit/verify", "{}"});
            for (String[] write : writes) {
                for (LedgerClient client : List.of(copy, replay.client())) {
                    Reply refused = client.raw(write[0], write[1], write[2], write[2] == null ? null : "application/json")
                            .expectProblem(405, "read-only-replay");
                    assertThat(refused.header("Allow")).hasValue("GET, HEAD");
                }
            }
            // Nothing was stored: the history is still exactly the export, and the member keeps its name.
            assertThat(copy.get(base + "/export/events").body()).isEqualTo(Files.readString(export));
            assertThat(copy.get(base + "/members/ada").text("/displayName")).isEqualTo("ADA");
            assertThat(copy.get(base + "/contributions/p-1").text("/status")).isEqualTo("PENDING");
        }
    }

    @Test
    void anEditedPayloadStopsTheReplayAtItsLine() throws Exception {
        int edited = indexOf(line -> line.contains("/h-2\"") && line.contains("ContributionRecorded"));
        List<String> tampered = new ArrayList<>(lines);
        // The category, not the description: that is stored encrypted (erasure), and an edit of a
        // plain field is what an editor of the file would try first.
        tampered.set(edited, lines.get(edited).replace("\"category\":\"help\"", "\"category\":\"advice\""));
        assertThat(tampered.get(edited)).isNotEqualTo(lines.get(edited));

        Refusal refusal = replayOf(tampered);
        assertThat(refusal.exitCode).isEqualTo(5);
        assertThat(refusal.message).contains("line " + (edited + 1) + " (position " + position(edited) + ")")
                .contains("hashes to").contains("edited");
    }

    @Test
    void aRemovedLineStopsTheReplayAtTheNextEventOfItsAct() throws Exception {
        int removed = indexOf(line -> line.contains("/h-3\"") && line.contains("ContributionDisputed"));
        assertThat(lines.get(removed + 1)).contains("ContributionRevoked").contains("/h-3\"");
        List<String> tampered = new ArrayList<>(lines);
        tampered.remove(removed);

        Refusal refusal = replayOf(tampered);
        assertThat(refusal.exitCode).isEqualTo(5);
        // The revocation now stands where the dispute was, the next event of the act: named with its own position.
        assertThat(refusal.message).contains("line " + (removed + 1) + " (position " + position(removed + 1) + ")")
                .contains("event 2 of contribution/" + community + "/h-3 follows event 0").contains("missing");
    }

    @Test
    void swappedLinesStopTheReplayAtTheSecondOfThem() throws Exception {
        // Lines of two different aggregates: each one's events stay in sequence, only the positions betray the swap.
        int first = indexOf(line -> true, index -> index + 1 < lines.size() && !aggregate(index).equals(aggregate(index + 1)), 6);
        List<String> tampered = new ArrayList<>(lines);
        tampered.set(first, lines.get(first + 1));
        tampered.set(first + 1, lines.get(first));

        Refusal refusal = replayOf(tampered);
        assertThat(refusal.exitCode).isEqualTo(5);
        assertThat(refusal.message).contains("line " + (first + 2) + " (position " + position(first) + ")")
                .contains("positions must increase");
    }

    @Test
    void aDirectoryThatHoldsAStoreIsRefused() throws Exception {
        Path data = LedgerApiTest.newDataDir("replay");
        Files.writeString(data.resolve("ledger.mv.db"), "a store");
        Refusal refusal = run(export, data);
        assertThat(refusal.exitCode).isEqualTo(2);
        assertThat(refusal.message).contains("already holds a ledger store");
        assertThat(Files.readString(data.resolve("ledger.mv.db"))).isEqualTo("a store");
    }

    /** Every read endpoint, for every member and act of the community. */
    private List<String> readPaths() {
        String base = "/communities/" + community;
        List<String> paths = new ArrayList<>(List.of(base, "/communities?limit=50", base + "/members?limit=100",
                base + "/contributions?limit=100", base + "/contributions?member=ada&category=help&limit=100",
                base + "/leaderboard?limit=100", base + "/leaderboard?category=advice&limit=100", base + "/stats",
                base + "/reciprocity?a=ada&b=bob", base + "/reciprocity?a=cy&b=ada",
                base + "/export/events", base + "/export/events?format=csv", base + "/export/events?member=ada",
                base + "/export/network?format=gexf", base + "/export/network?format=csv"));
        for (String member : List.of("ada", "bob", "cy", "dan")) {
            String at = base + "/members/" + member;
            paths.addAll(List.of(at, at + "/statement?limit=100", at + "/reciprocity", at + "/reputation?topSources=10",
                    at + "/trust?direction=in&limit=50", at + "/trust?direction=out&limit=50", at + "/influencers?limit=10",
                    at + "/identities"));
        }
        for (String act : List.of("h-1", "h-2", "a-1", "h-3", "p-1")) {
            paths.add(base + "/contributions/" + act);
        }
        return paths;
    }

    /** A number with ten or more decimals: a computed double (a reputation score), not a figure recorded. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d+\\.\\d+(?:[eE][-+]?\\d+)?");

    /**
     * Null when the two answers are the same, else what differs. Everything must be equal to the
     * character except computed scores, which may differ within the solver's tolerance: the live
     * ledger starts each computation from the one before, the replay from scratch, and both stop
     * within an L1 error of about 6e-10 of the exact solution (InfluenceSolver).
     */
    static String difference(String original, String replayed) {
        Matcher a = NUMBER.matcher(original);
        Matcher b = NUMBER.matcher(replayed);
        int endA = 0;
        int endB = 0;
        while (true) {
            boolean moreA = a.find();
            boolean moreB = b.find();
            String textA = original.substring(endA, moreA ? a.start() : original.length());
            String textB = replayed.substring(endB, moreB ? b.start() : replayed.length());
            if (!textA.equals(textB)) {
                return "text differs: '" + textA + "' / '" + textB + "'";
            }
            if (!moreA || !moreB) {
                return moreA == moreB ? null : "one answer has more numbers";
            }
            String x = a.group();
            String y = b.group();
            boolean computed = decimals(x) >= 10 && decimals(y) >= 10;
            if (!x.equals(y) && !(computed && Math.abs(Double.parseDouble(x) - Double.parseDouble(y)) <= 1e-8)) {
                return "number differs: " + x + " / " + y;
            }
            endA = a.end();
            endB = b.end();
        }
    }

    private static int decimals(String number) {
        String mantissa = number.split("[eE]")[0];
        return mantissa.length() - mantissa.indexOf('.') - 1;
    }

    /** The answer without what says when it was computed and how long that took (a replay computes afresh). */
    private static String comparable(Reply reply) throws IOException {
        if (!reply.contentType().contains("json") || reply.contentType().contains("ndjson")) {
            return reply.status() + " " + reply.body();
        }
        JsonNode json = JSON.readTree(reply.body());
        strip(json);
        return reply.status() + " " + json;
    }

    private static void strip(JsonNode json) {
        if (json instanceof ObjectNode object) {
            object.remove(List.of("computedAt", "computeMillis"));
        }
        for (Iterator<JsonNode> children = json.elements(); children.hasNext(); ) {
            strip(children.next());
        }
    }

    private int indexOf(Predicate<String> test) {
        return indexOf(test, index -> true, 0);
    }

    private int indexOf(Predicate<String> test, IntPredicate atIndex, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (test.test(lines.get(i)) && atIndex.test(i)) {
                return i;
            }
        }
        throw new AssertionError("no such line in the export");
    }

    private String aggregate(int index) {
        try {
            return JSON.readTree(lines.get(index)).path("aggregateIdentifier").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private long position(int index) throws IOException {
        return JSON.readTree(lines.get(index)).path("position").asLong();
    }

    private record Refusal(int exitCode, String message) {
    }

    private Refusal replayOf(List<String> tampered) throws IOException {
        Path file = Files.createTempFile("tampered", ".jsonl");
        Files.writeString(file, String.join("\n", tampered) + "\n");
        Path data = LedgerApiTest.newDataDir("replay").resolve("store");
        Refusal refusal = run(file, data);
        // A refused export leaves no store behind: the same command runs again once the file is fixed.
        assertThat(data).doesNotExist();
        return refusal;
    }

    /** The command in this JVM: a refused export stops before any server starts. */
    private static Refusal run(Path file, Path data) {
        StringWriter err = new StringWriter();
        int exitCode = LedgerApplication.cli().setErr(new PrintWriter(err, true))
                .execute("replay", "--from", file.toString(), "--data", data.toString(), "--port", "0");
        String message = err.toString().strip();
        assertThat(message.lines().count()).as("one line: %s", message).isEqualTo(1);
        return new Refusal(exitCode, message);
    }

    /** Until the community's reputation includes every stored event. */
    private void awaitReputation(LedgerClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Reply board = client.get("/communities/" + community + "/leaderboard?limit=100");
            if (board.status() == 200 && board.at("/freshness/upToDate").asBoolean()) {
                return;
            }
            assertThat(System.nanoTime()).as("reputation up to date within 90 s: %s", board.body()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private void awaitChained() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex >"
                + " (SELECT COALESCE(MAX(position), -1) FROM event_chain)", Long.class) > 0) {
            assertThat(System.nanoTime()).as("every event chained within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
