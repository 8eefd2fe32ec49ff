package org.contributionledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contributionledger.api.kafka.CommandTopic.command;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.TestLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import com.fasterxml.jackson.databind.JsonNode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Commands that arrive while the database is down are neither dead-lettered nor skipped: the
 * ledger tries the same record again until the database is back, then serves it and the ones
 * after it. (A dead letter is for a record that is wrong, not for a ledger that cannot decide.)
 */
class CommandsWaitForTheDatabaseIT {

    private EmbeddedKafkaKraftBroker broker;
    private EmbeddedPostgres postgres;
    private TestLedger ledger;
    private CommandTopic topic;

    @AfterEach
    void stopEverything() throws IOException {
        if (topic != null) {
            topic.close();
        }
        if (ledger != null) {
            ledger.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void commandsSentWhileTheDatabaseIsDownAreServedOnceItIsBack() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1, CommandTopic.COMMANDS, CommandTopic.RESULTS, CommandTopic.DEAD_LETTERS);
        broker.afterPropertiesSet();
        topic = new CommandTopic(broker.getBrokersAsString());
        Path pgData = LedgerApiTest.newDataDir("kafka-db-outage").resolve("pg");
        int pgPort = freePort();
        postgres = postgres(pgData, pgPort);
        ledger = TestLedger.start(LedgerApiTest.newDataDir("kafka-db-outage-ledger"), Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "",
                "spring.datasource.hikari.connection-timeout", "1000",
                "ledger.kafka.bootstrap-servers", broker.getBrokersAsString(),
                // The outage makes every part of the ledger that reads the database complain; the test says what matters.
                "logging.level.root", "OFF"));
        LedgerClient.Community community = ledger.admin().createCommunity("outage", "Outage");
        LedgerClient platform = community.client();
        platform.registerMember("outage", "ann", "Ann").expect(201);
        platform.registerMember("outage", "ben", "Ben").expect(201);

        postgres.close();
        Set<String> requestIds = new HashSet<>();
        List<Act> acts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Act act = Act.of("act-" + i, "ann", "ben");
            acts.add(act);
            requestIds.add("outage-" + i);
            topic.send("outage", community.apiKey(), command("outage-" + i, "recordContribution", "outage", Map.of(), act));
        }
        Thread.sleep(5000); // the ledger tries the first record again and again meanwhile
        assertThat(topic.readAll(CommandTopic.RESULTS)).as("results while the database is down").isEmpty();
        postgres = postgres(pgData, pgPort);

        Map<String, JsonNode> results = topic.results(requestIds);
        results.forEach((requestId, result) ->
                assertThat(result.path("status").asInt()).as("result of %s: %s", requestId, result).isEqualTo(201));
        assertThat(topic.readAll(CommandTopic.DEAD_LETTERS)).as("dead letters").isEmpty();
        for (Act act : acts) {
            assertThat(platform.contribution("outage", act.id()).expect(200).text("/status")).isEqualTo("PENDING");
        }
    }

    /** The same server on the same files and port, so the ledger's connection URL finds it again. */
    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
