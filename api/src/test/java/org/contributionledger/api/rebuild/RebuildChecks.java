package org.contributionledger.api.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.contributionledger.LedgerApplication;
import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.Reply;
import org.contributionledger.cli.RebuildCommand;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;

/**
 * The rebuild over HTTP: views written live are rebuilt from the events to the same checksums, and
 * a view row damaged in the database is restored. Run on H2 ({@link RebuildIT}, with the large
 * store) and PostgreSQL ({@link RebuildPostgresIT}): the rebuild's SQL must hold on both.
 */
abstract class RebuildChecks {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient admin;

    @Test
    void liveViewsRebuildToTheSameChecksumsAndADamagedRowIsRestored() {
        admin = LedgerClient.admin(port);
        String c = recordHistory();

        JsonNode first = rebuild();
        assertThat(first.path("eventsDone").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(first.path("checksumsAfter")).isEqualTo(first.path("checksumsBefore"));
        assertThat(first.path("checksumsAfter").size()).isEqualTo(6);
        assertThat(views()).isEqualTo(first.path("checksumsAfter"));

        jdbc.update("UPDATE contribution_view SET act_value = act_value + 1 WHERE community_id = ? AND contribution_id = 'act-1'", c);
        jdbc.update("DELETE FROM trust_view WHERE community_id = ? AND truster = 'alice'", c);
        jdbc.update("UPDATE directory_member SET display_name = 'Mallory' WHERE community_id = ? AND member_id = 'bob'", c);
        jdbc.update("UPDATE directory_identity SET member_id = 'carol' WHERE community_id = ? AND member_id = 'alice'", c);
        JsonNode damaged = views();
        assertThat(damaged.path("contribution_view")).isNotEqualTo(first.path("checksumsAfter").path("contribution_view"));
        assertThat(damaged.path("trust_view")).isNotEqualTo(first.path("checksumsAfter").path("trust_view"));
        assertThat(damaged.path("directory_member")).isNotEqualTo(first.path("checksumsAfter").path("directory_member"));
        assertThat(damaged.path("directory_identity")).isNotEqualTo(first.path("checksumsAfter").path("directory_identity"));
        assertThat(damaged.path("directory_community")).isEqualTo(first.path("checksumsAfter").path("directory_community"));

        JsonNode repaired = rebuild();
        assertThat(repaired.path("checksumsBefore")).isEqualTo(damaged);
        assertThat(repaired.path("checksumsAfter")).isEqualTo(first.path("checksumsAfter"));
        assertThat(admin.get("/communities/" + c + "/members/bob").expect(200).text("/displayName")).isEqualTo("Bob");
        assertThat(admin.get("/communities/" + c + "/contributions/act-1").expect(200).at("/value").decimalValue())
                .isEqualByComparingTo("4");
        assertThat(admin.get("/communities/" + c + "/members/alice/identities").expect(200).at("/items/0/login").asText())
                .isEqualTo("alice-renamed");
    }

    /** The CLI starts a rebuild, draws its progress on standard error and prints each view's checksum. */
    @Test
    void theCommandLineRebuildsAndPrintsTheChecksums() {
        admin = LedgerClient.admin(port);
        recordHistory();
        StringWriter out = new StringWriter();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        CommandLine cli = LedgerApplication.cli().setOut(new PrintWriter(out));
        ((RebuildCommand) cli.getSubcommands().get("rebuild").getCommand()).progressOut =
                new PrintStream(progress, true, StandardCharsets.UTF_8);
        int exitCode = cli.execute("rebuild", "--url", "http://localhost:" + port, "--key", LedgerClient.ADMIN_KEY);

        assertThat(exitCode).as(out.toString()).isZero();
        assertThat(out.toString()).startsWith("rebuilt from ").contains("contribution_view").contains("trust_view")
                .doesNotContain("CHANGED");
        assertThat(out.toString().lines().filter(line -> line.endsWith(" unchanged"))).hasSize(6);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("rebuild").contains("events/s");
    }

    @Test
    void anUnknownRebuildIsNotFound() {
        LedgerClient.admin(port).get("/admin/rebuild/rb-0").expectProblem(404, "not-found");
    }

    /**
     * Acts, a dispute, revocations, a correction, trust changed and withdrawn, a rename, a suspension,
     * new settings, platform identities linked, renamed and unlinked.
     */
    String recordHistory() {
        LedgerClient.Community community = admin.createCommunity("rb-" + UUID.randomUUID().toString().substring(0, 8),
                "Rebuilt");
        String c = community.id();
        LedgerClient platform = community.client();
        for (String member : List.of("alice", "bob", "carol")) {
            platform.registerMember(c, member, Character.toUpperCase(member.charAt(0)) + member.substring(1)).expect(201);
        }
        platform.record(c, Act.of("act-1", "alice", "bob").value(10)).expect(201);
        platform.record(c, Act.of("act-2", "bob", "alice").value(3).recordedByReceiver()).expect(201);
        platform.record(c, Act.of("act-3", "carol", "alice").value(7)).expect(201);
        platform.record(c, Act.of("act-4", "alice", "carol").value(2)).expect(201);
        platform.confirm(c, "act-1", "bob").expect(200);
        platform.dispute(c, "act-3", "alice", "Never happened").expect(200);
        platform.revoke(c, "act-4", "alice", "Mistake").expect(200);
        platform.post("/communities/" + c + "/contributions/act-1/corrections",
                Map.of("by", "alice", "value", 4, "category", "advice", "reason", "Counted twice")).expect(200);
        platform.post("/communities/" + c + "/contributions/act-1/corrections/accept", Map.of("by", "bob")).expect(200);
        platform.declareTrust(c, "alice", "bob", 3).expect(200);
        platform.declareTrust(c, "bob", "carol", -1).expect(200);
        platform.declareTrust(c, "alice", "bob", 1).expect(200);
        platform.withdrawTrust(c, "bob", "carol").expect(204);
        platform.patch("/communities/" + c + "/members/carol", Map.of("displayName", "Carol R.")).expect(200);
        platform.post("/communities/" + c + "/members/carol/suspend", Map.of("reason", "Away")).expect(200);
        admin.put("/communities/" + c + "/settings", Map.of("categories", List.of("help", "advice", "care"))).expect(200);
        String identities = "/communities/" + c + "/members/alice/identities/";
        platform.put(identities + "github/1", Map.of("login", "alice")).expect(201);
        platform.put(identities + "github/1", Map.of("login", "alice-renamed")).expect(200);
        platform.put(identities + "slack/U1", Map.of("login", "U1")).expect(201);
        platform.delete(identities + "slack/U1").expect(204);
        return c;
    }

    /** The live views' checksums, per table. */
    JsonNode views() {
        return admin.get("/admin/views").expect(200).at("/checksums");
    }

    /** Starts a rebuild, follows its Location until it is done, and answers its last state. */
    JsonNode rebuild() {
        return follow(admin.post("/admin/rebuild", Map.of()).expect(202));
    }

    JsonNode follow(Reply started) {
        String location = started.header("Location").orElseThrow();
        assertThat(location).isEqualTo("/api/v1/admin/rebuild/" + started.text("/id"));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode rebuild = admin.get(location.substring("/api/v1".length())).expect(200).json();
            String state = rebuild.path("state").asText();
            if (state.equals("DONE")) {
                return rebuild;
            }
            assertThat(state).as(rebuild.toString()).isIn("BUILDING", "SWITCHING");
            assertThat(System.nanoTime()).as("rebuild still running: " + rebuild).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
