package org.contributionledger.api.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.Reply;
import org.contributionledger.api.support.TestLedger;
import org.contributionledger.core.contribution.Contribution;
import org.contributionledger.core.contribution.ContributionConfirmed;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

/** {@link RebuildChecks} on the embedded H2 file database, and a rebuild of a store of over 50,000 events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=WARN", "spring.main.banner-mode=off"})
class RebuildIT extends RebuildChecks {

    /**
     * 25,000 acts, 50,000 events: a rebuild of some seconds, many batches of the views' inserts, long
     * enough for a second start and an act to come while it runs. {@code -Drebuild.acts=100000} runs
     * it on the 200,000 events it once had (a minute more on 2 cores).
     */
    private static final int ACTS = Integer.getInteger("rebuild.acts", 25_000);
    private static final int MEMBERS = 200;
    private static final int CHUNK = 5_000;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestLedger.properties(LedgerApiTest.newDataDir("rebuild")).forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * The acts, recorded and confirmed (two events each), are written straight into the event
     * table, serialized as Axon stores them (publishing them through the event bus, with the live
     * projections, took minutes), so the live views do not have them yet. The first rebuild brings
     * them in (the contribution view's checksum changes); a second start while it runs is refused;
     * an act recorded during it is in the views after it. A second rebuild of the whole store then
     * gives the same checksums before and after.
     */
    @Test
    void aStoreOfTensOfThousandsOfEventsRebuildsTwiceToTheSameChecksums() {
        admin = LedgerClient.admin(port);
        LedgerClient.Community community = admin.createCommunity("bulk", "Bulk");
        String c = community.id();
        List<Map<String, String>> members = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++) {
            members.add(Map.of("id", "m" + m, "displayName", "Member " + m));
        }
        community.client().post("/communities/" + c + "/members/batch", Map.of("members", members)).expect(200);
        long started = System.nanoTime();
        for (int from = 0; from < ACTS; from += CHUNK) {
            List<Object[]> rows = new ArrayList<>(2 * CHUNK);
            for (int i = from; i < Math.min(ACTS, from + CHUNK); i++) {
                rows.addAll(act(c, i));
            }
            jdbc.batchUpdate("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier,"
                    + " metaData, payload, payloadRevision, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        }
        long stored = System.nanoTime() - started;
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        assertThat(total).isGreaterThanOrEqualTo(2L * ACTS);
        JsonNode live = views();

        Reply start = admin.post("/admin/rebuild", Map.of()).expect(202);
        admin.post("/admin/rebuild", Map.of()).expectProblem(409, "rebuild-already-running");
        community.client().record(c, Act.of("during", "m1", "m2").value(5)).expect(201);
        JsonNode first = follow(start);
        assertThat(first.path("eventsDone").asLong()).isGreaterThanOrEqualTo(total);
        assertThat(first.path("eventsTotal").asLong()).isEqualTo(first.path("eventsDone").asLong());
        assertThat(first.path("checksumsBefore").path("contribution_view")).isNotEqualTo(
                first.path("checksumsAfter").path("contribution_view"));
        assertThat(first.path("checksumsAfter").path("directory_member")).isEqualTo(live.path("directory_member"));
        assertThat(community.client().contribution(c, "during").expect(200).at("/value").decimalValue())
                .isEqualByComparingTo("5");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contribution_view WHERE community_id = ? AND status = 'CONFIRMED'",
                Long.class, c)).isEqualTo(ACTS);

        JsonNode second = rebuild();
        assertThat(second.path("checksumsBefore")).isEqualTo(first.path("checksumsAfter"));
        assertThat(second.path("checksumsAfter")).isEqualTo(second.path("checksumsBefore"));
        System.out.printf("Rebuild of %,d events (stored in %.1f s): first %s events/s, second %s events/s%n",
                second.path("eventsDone").asLong(), stored / 1e9, first.path("eventsPerSecond").asText(),
                second.path("eventsPerSecond").asText());
    }

    /** Two rows of the event table: an act recorded by its giver, and its confirmation. */
    private List<Object[]> act(String c, int i) {
        String id = "b-" + i;
        String giver = "m" + (i % MEMBERS);
        String receiver = "m" + ((i % MEMBERS + 1 + i % 7) % MEMBERS);
        BigDecimal value = BigDecimal.valueOf(1 + i % 50);
        Instant occurredAt = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i);
        String aggregate = Contribution.aggregateId(c, id);
        Instant now = Instant.now();
        return List.of(
                row(aggregate, 0, now, new ContributionRecorded(c, id, giver, receiver, "help", value, occurredAt, null,
                        null, RecordedBy.GIVER, ContributionStatus.PENDING)),
                row(aggregate, 1, now, new ContributionConfirmed(c, id, giver, receiver, "help", value, occurredAt, receiver)));
    }

    private Object[] row(String aggregate, long sequence, Instant at, Object payload) {
        SerializedObject<byte[]> data = serializer.serialize(payload, byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(MetaData.emptyInstance(), byte[].class);
        return new Object[] {aggregate, sequence, "Contribution", UUID.randomUUID().toString(), metaData.getData(),
                data.getData(), data.getType().getRevision(), data.getType().getName(), DateTimeUtils.formatInstant(at)};
    }
}
