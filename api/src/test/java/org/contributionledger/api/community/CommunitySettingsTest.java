package org.contributionledger.api.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.community.CommunitySettings.ReputationWeights;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Settings are bounded to what the engines compute, an admin corrects them, and one community that
 * cannot be computed harms no other.
 */
class CommunitySettingsTest extends LedgerApiTest {

    @Autowired
    private EventStore eventStore;

    private static Map<String, Object> community(String id, String field, Object value) {
        return Map.of("id", id, "name", "Bounds", field, value);
    }

    private void refused(Map<String, Object> body, String type, String field) {
        admin.post("/communities", body).expectProblem(422, type).expect(422);
        Reply problem = admin.post("/communities", body);
        assertThat(problem.text("/field")).as(problem.toString()).isEqualTo(field);
        admin.get("/communities/" + body.get("id")).expectProblem(404, "not-found");
    }

    @Test
    void settingsBeyondWhatTheEnginesComputeAreRefusedNamingTheField() {
        refused(community(unique("w"), "reputation", Map.of("trust", 1e308)),
                "reputation-weight-out-of-range", "reputation.trust");
        refused(community(unique("w"), "reputation", Map.of("gift", -1)),
                "reputation-weight-out-of-range", "reputation.gift");
        refused(Map.of("id", unique("w"), "name", "x", "categories", List.of("help", "code"),
                        "reputation", Map.of("categories", Map.of("code", 1e7))),
                "reputation-weight-out-of-range", "reputation.categories.code");
        refused(community(unique("w"), "reputation", Map.of("categories", Map.of("hepl", 2))),
                "category-weight-for-unknown-category", "reputation.categories.hepl");
        refused(community(unique("a"), "reputation", Map.of("alpha", 0.001)),
                "reputation-alpha-out-of-range", "reputation.alpha");
        refused(community(unique("a"), "reputation", Map.of("alpha", 1.5)),
                "reputation-alpha-out-of-range", "reputation.alpha");
        refused(community(unique("r"), "reciprocity", Map.of("takerBelowRatio", 3, "contributorAboveRatio", 1)),
                "reciprocity-thresholds-out-of-order", "reciprocity.contributorAboveRatio");
        refused(community(unique("r"), "reciprocity", Map.of("minimumActs", -1)),
                "reciprocity-threshold-out-of-range", "reciprocity.minimumActs");
    }

    @Test
    void aNumberTooLargeForADoubleIsRefusedAsOutOfRangeNotStoredAsInfinity() {
        String id = unique("inf");
        admin.raw("POST", "/communities", "{\"id\":\"" + id + "\",\"name\":\"x\",\"reputation\":{\"trust\":1e400}}",
                        "application/json")
                .expectProblem(422, "reputation-weight-out-of-range");
        admin.get("/communities/" + id).expectProblem(404, "not-found");
    }

    @Test
    void theAdminChangesSettingsAndEveryViewAppliesThem() {
        Community makers = admin.createCommunity(unique("makers"), "Makers");
        String c = makers.id();
        LedgerClient platform = makers.client();
        platform.registerMember(c, "alice", "Alice").expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);
        platform.record(c, Act.of("act-1", "alice", "bob").with("value", 13).with("recordedBy", "RECEIVER")).expect(201);
        platform.record(c, Act.of("act-2", "bob", "alice").with("value", 10).with("recordedBy", "RECEIVER")).expect(201);
        assertThat(platform.reciprocity(c, "alice").expect(200).text("/role")).isEqualTo("balanced");
        long events = this.events.total();

        Map<String, Object> settings = Map.of("categories", List.of("help", "code"), "maxValuePerAct", 50,
                "confirmationRequired", false,
                "reciprocity", Map.of("takerBelowRatio", 0.8, "contributorAboveRatio", 1.25),
                "reputation", Map.of("gift", 2, "categories", Map.of("code", 3)));
        Reply changed = admin.put("/communities/" + c + "/settings", settings).expect(200);

        assertThat(changed.at("/settings/maxValuePerAct").decimalValue()).isEqualByComparingTo("50");
        assertThat(changed.at("/settings/reputation/categories/code").asDouble()).isEqualTo(3.0);
        assertThat(changed.text("/name")).isEqualTo("Makers");
        assertThat(this.events.ofType(org.contributionledger.core.community.Community.aggregateId(c),
                "CommunitySettingsChanged")).isEqualTo(1);
        // Every view reads the new settings at once.
        assertThat(platform.reciprocity(c, "alice").expect(200).text("/role")).as("1.3 > 1.25").isEqualTo("contributor");
        platform.record(c, Act.of("act-3", "alice", "bob").with("value", 51)).expectProblem(422, "value-out-of-range");
        platform.record(c, Act.of("act-4", "alice", "bob").with("category", "advice"))
                .expectProblem(422, "unknown-category");
        assertThat(platform.record(c, Act.of("act-5", "alice", "bob").with("category", "code")).expect(201)
                .text("/status")).as("confirmation no longer required").isEqualTo("CONFIRMED");

        // The same settings again record nothing.
        long afterChange = this.events.total();
        admin.put("/communities/" + c + "/settings", settings).expect(200);
        assertThat(this.events.total()).isEqualTo(afterChange);
        assertThat(afterChange).isGreaterThan(events);
    }

    @Test
    void changedSettingsAreCheckedAsAtCreation() {
        Community makers = admin.createCommunity(unique("makers"), "Makers");
        long before = events.total();

        Reply refused = admin.put("/communities/" + makers.id() + "/settings", Map.of("reputation", Map.of("trust", 1e308)))
                .expectProblem(422, "reputation-weight-out-of-range");

        assertThat(refused.text("/field")).isEqualTo("reputation.trust");
        assertThat(events.total()).isEqualTo(before);
        admin.put("/communities/" + unique("nowhere") + "/settings", Map.of()).expectProblem(404, "not-found");
    }

    @Test
    void onlyTheAdminKeyChangesSettings() {
        Community makers = admin.createCommunity(unique("makers"), "Makers");
        long before = events.total();

        makers.client().put("/communities/" + makers.id() + "/settings", Map.of("maxValuePerAct", 1e24))
                .expectProblem(403, "forbidden");

        assertThat(events.total()).isEqualTo(before);
    }

    @Test
    void aCommunityThatCannotBeComputedHarmsNoOtherAndRecoversWhenCorrected() throws InterruptedException {
        // Stored as an earlier version accepted it: the history is immutable, so it is replayed as is.
        String broken = unique("broken");
        eventStore.publish(new GenericDomainEventMessage<>("Community",
                org.contributionledger.core.community.Community.aggregateId(broken), 0,
                new CommunityCreated(broken, "Broken", new CommunitySettings(null, null, null, null, null,
                        new ReputationWeights(1e308, null, null, null)))));
        admin.registerMember(broken, "alice", "Alice").expect(201);
        admin.registerMember(broken, "bob", "Bob").expect(201);
        admin.declareTrust(broken, "alice", "bob", 8).expect(200);
        Community healthy = admin.createCommunity(unique("healthy"), "Healthy");
        String c = healthy.id();
        LedgerClient platform = healthy.client();
        platform.registerMember(c, "alice", "Alice").expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);

        Reply unavailable = await(() -> admin.get("/communities/" + broken + "/members/bob/reputation"),
                reply -> reply.status() == 503);
        unavailable.expectProblem(503, "reputation-unavailable");
        assertThat(unavailable.text("/detail")).contains(broken).contains("reputation.trust");
        admin.get("/communities/" + broken + "/leaderboard").expectProblem(503, "reputation-unavailable");
        admin.reciprocity(broken, "alice").expect(200); // its other views are unaffected

        // While it fails, the other community keeps being recomputed, change after change.
        for (int level = 1; level <= 3; level++) {
            platform.declareTrust(c, "alice", "bob", level).expect(200);
            // The write is stored when it answers, so an up-to-date answer includes it.
            await(() -> platform.get("/communities/" + c + "/members/bob/reputation"),
                    reply -> reply.status() == 200 && reply.at("/freshness/upToDate").asBoolean());
        }

        admin.put("/communities/" + broken + "/settings", Map.of()).expect(200);

        Reply recovered = await(() -> admin.get("/communities/" + broken + "/members/bob/reputation"),
                reply -> reply.status() == 200);
        assertThat(recovered.at("/character/trustedBy").asInt()).isEqualTo(1);
        assertThat(recovered.at("/influence/score").asDouble()).isPositive();
    }

    /** Polls until the answer satisfies the condition; generous, as CI shares two cores. */
    private static Reply await(Supplier<Reply> call, Predicate<Reply> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Reply reply = call.get();
            if (condition.test(reply)) {
                return reply;
            }
            assertThat(System.nanoTime()).as("never reached; last answer %s", reply).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
