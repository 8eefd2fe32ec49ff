package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The README walkthrough, end to end over HTTP: a community, its members, their acts and what the ledger makes of them. */
class WalkthroughTest extends LedgerApiTest {

    @Test
    void aGiftIsPendingUntilTheReceiverConfirmsIt_thenReciprocityShowsWhoGaveAndWhoTook() {
        Community community = admin.createCommunity(unique("garden"), "Community Garden");
        LedgerClient platform = community.client();
        String c = community.id();
        platform.registerMember(c, "alice", "Alice").expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);

        Reply recorded = platform.record(c, Act.of("act-1", "alice", "bob").value(new BigDecimal("7.5"))).expect(201);
        assertThat(recorded.text("/contributionId")).isEqualTo("act-1");
        assertThat(recorded.text("/status")).isEqualTo("PENDING");
        assertThat(recorded.header("Location")).hasValue("/api/v1/communities/" + c + "/contributions/act-1");

        JsonNode pending = platform.contribution(c, "act-1").expect(200).json();
        assertThat(pending.path("status").asText()).isEqualTo("PENDING");
        assertThat(pending.path("giver").asText()).isEqualTo("alice");
        assertThat(pending.path("receiver").asText()).isEqualTo("bob");
        assertThat(pending.path("value").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(platform.reciprocity(c, "alice").expect(200).at("/pendingGiven/count").asLong()).isEqualTo(1);
        assertThat(platform.reciprocity(c, "alice").at("/given/count").asLong()).isZero();

        Reply confirmed = platform.confirm(c, "act-1", "bob").expect(200);
        assertThat(confirmed.text("/status")).isEqualTo("CONFIRMED");
        assertThat(platform.contribution(c, "act-1").text("/status")).isEqualTo("CONFIRMED");

        JsonNode alice = platform.reciprocity(c, "alice").expect(200).json();
        assertThat(alice.at("/given/count").asLong()).isEqualTo(1);
        assertThat(alice.at("/given/value").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(alice.at("/received/count").asLong()).isZero();
        assertThat(alice.at("/pendingGiven/count").asLong()).isZero();
        assertThat(alice.at("/balance").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(alice.at("/distinctPartners").asInt()).isEqualTo(1);
        assertThat(alice.at("/role").asText()).isEqualTo("contributor");

        JsonNode bob = platform.reciprocity(c, "bob").expect(200).json();
        assertThat(bob.at("/received/count").asLong()).isEqualTo(1);
        assertThat(bob.at("/received/value").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(bob.at("/given/count").asLong()).isZero();
        assertThat(bob.at("/balance").decimalValue()).isEqualByComparingTo("-7.5");
        assertThat(bob.at("/role").asText()).isEqualTo("taker");

        JsonNode pair = platform.pairwise(c, "alice", "bob").expect(200).json();
        assertThat(pair.at("/aToB/count").asLong()).isEqualTo(1);
        assertThat(pair.at("/aToB/value").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(pair.at("/bToA/count").asLong()).isZero();
        assertThat(pair.at("/balance").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(pair.at("/mutual").asBoolean()).isFalse();

        platform.record(c, Act.of("act-2", "bob", "alice").value(2).recordedByReceiver()).expect(201);
        JsonNode mutual = platform.pairwise(c, "alice", "bob").expect(200).json();
        assertThat(mutual.at("/bToA/count").asLong()).isEqualTo(1);
        assertThat(mutual.at("/balance").decimalValue()).isEqualByComparingTo("5.5");
        assertThat(mutual.at("/mutual").asBoolean()).isTrue();
        assertThat(platform.reciprocity(c, "alice").at("/mutualPartners").asInt()).isEqualTo(1);

        platform.pairwise(c, "alice", "nobody").expectProblem(404, "not-found");
        platform.reciprocity(c, "nobody").expectProblem(404, "not-found");
        platform.contribution(c, "no-such-act").expectProblem(404, "not-found");
    }

    @Test
    void anActRecordedByItsReceiverIsConfirmedAtOnce() {
        Community community = admin.createCommunity(unique("receiver"), "Receivers");
        String c = community.id();
        community.client().registerMember(c, "alice", "Alice").expect(201);
        community.client().registerMember(c, "bob", "Bob").expect(201);

        assertThat(community.client().record(c, Act.of("r-1", "alice", "bob").recordedByReceiver())
                .expect(201).text("/status")).isEqualTo("CONFIRMED");
    }

    @Test
    void aCommunityThatNeedsNoConfirmationConfirmsGiftsAtOnce() {
        Community community = admin.createCommunity(Map.of("id", unique("trusting"), "name", "Trusting",
                "confirmationRequired", false, "categories", List.of("meals", "rides"), "maxValuePerAct", 50));
        String c = community.id();
        JsonNode settings = community.client().get("/communities/" + c).expect(200).at("/settings");
        assertThat(settings.path("confirmationRequired").asBoolean()).isFalse();
        assertThat(settings.path("categories")).extracting(JsonNode::asText).containsExactly("meals", "rides");
        assertThat(settings.path("maxValuePerAct").decimalValue()).isEqualByComparingTo("50");

        community.client().registerMember(c, "alice", "Alice").expect(201);
        community.client().registerMember(c, "bob", "Bob").expect(201);
        assertThat(community.client().record(c, Act.of("m-1", "alice", "bob").category("meals"))
                .expect(201).text("/status")).isEqualTo("CONFIRMED");
        community.client().record(c, Act.of("m-2", "alice", "bob")).expectProblem(422, "unknown-category");
        community.client().record(c, Act.of("m-3", "alice", "bob").category("rides").value(51))
                .expectProblem(422, "value-out-of-range");
    }

    @Test
    void theStatementIsNewestFirstAndItsCursorNeitherRepeatsNorSkipsActs() {
        Community community = admin.createCommunity(unique("statement"), "Statements");
        LedgerClient platform = community.client();
        String c = community.id();
        platform.registerMember(c, "alice", "Alice").expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);
        platform.registerMember(c, "carol", "Carol").expect(201);

        Instant base = Instant.parse("2024-06-01T09:00:00Z");
        // Recorded out of order; s4 and s5 happened at the same moment, so the id breaks the tie.
        platform.record(c, Act.of("s3", "bob", "alice").occurredAt(base.plus(3, ChronoUnit.HOURS))).expect(201);
        platform.record(c, Act.of("s1", "alice", "bob").occurredAt(base.plus(1, ChronoUnit.HOURS))).expect(201);
        platform.record(c, Act.of("s5", "alice", "carol").occurredAt(base.plus(4, ChronoUnit.HOURS))).expect(201);
        platform.record(c, Act.of("s2", "alice", "bob").occurredAt(base.plus(2, ChronoUnit.HOURS))).expect(201);
        platform.record(c, Act.of("s4", "carol", "alice").occurredAt(base.plus(4, ChronoUnit.HOURS))).expect(201);
        platform.record(c, Act.of("other", "bob", "carol").occurredAt(base.plus(5, ChronoUnit.HOURS))).expect(201);

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        boolean insertedBetweenPages = false;
        do {
            Reply page = platform.statement(c, "alice", cursor, 2).expect(200);
            JsonNode entries = page.at("/entries");
            pageSizes.add(entries.size());
            entries.forEach(entry -> seen.add(entry.path("contributionId").asText()));
            cursor = page.json().path("nextCursor").isTextual() ? page.text("/nextCursor") : null;
            if (!insertedBetweenPages) {
                // A newer act arriving between pages must not shift the pages that follow.
                platform.record(c, Act.of("s6", "bob", "alice").occurredAt(base.plus(9, ChronoUnit.HOURS))).expect(201);
                insertedBetweenPages = true;
            }
        } while (cursor != null && seen.size() < 50);

        assertThat(seen).containsExactly("s5", "s4", "s3", "s2", "s1");
        assertThat(pageSizes).containsExactly(2, 2, 1);

        JsonNode firstPage = platform.statement(c, "alice", null, 3).expect(200).at("/entries");
        assertThat(firstPage).extracting(e -> e.path("contributionId").asText()).containsExactly("s6", "s5", "s4");
        assertThat(firstPage.get(0).path("direction").asText()).isEqualTo("RECEIVED");
        assertThat(firstPage.get(0).path("counterpart").asText()).isEqualTo("bob");
        assertThat(firstPage.get(1).path("direction").asText()).isEqualTo("GIVEN");
        assertThat(firstPage.get(1).path("counterpart").asText()).isEqualTo("carol");

        Reply everything = platform.statement(c, "alice", null, null).expect(200);
        assertThat(everything.at("/entries").size()).isEqualTo(6);
        assertThat(everything.json().get("nextCursor").isNull()).as("nextCursor is null on the last page").isTrue();

        platform.statement(c, "alice", "not-a-cursor", 2).expectProblem(400, "invalid-request");
        platform.statement(c, "alice", null, 0).expectProblem(400, "limit-out-of-range");
        platform.statement(c, "alice", null, 501).expectProblem(400, "limit-out-of-range");
        platform.statement(c, "nobody", null, 2).expectProblem(404, "not-found");
    }

    @Test
    void statsCountMembersActsByStatusAndEdgewiseReciprocity() {
        Community community = admin.createCommunity(unique("stats"), "Stats");
        LedgerClient platform = community.client();
        String c = community.id();
        for (String member : List.of("alice", "bob", "carol")) {
            platform.registerMember(c, member, member.toUpperCase()).expect(201);
        }
        JsonNode empty = platform.stats(c).expect(200).json();
        assertThat(empty.path("members").asLong()).isEqualTo(3);
        assertThat(empty.path("activeMembers").asLong()).isEqualTo(3);
        assertThat(empty.path("givingEdges").asLong()).isZero();
        assertThat(empty.get("edgewiseReciprocity").isNull()).as("no edges, no reciprocity figure: null").isTrue();

        platform.record(c, Act.of("ab", "alice", "bob").value(10)).expect(201);
        platform.confirm(c, "ab", "bob").expect(200);
        platform.record(c, Act.of("ac", "alice", "carol")).expect(201);
        platform.record(c, Act.of("cb", "carol", "bob")).expect(201);
        platform.dispute(c, "cb", "bob", "never happened").expect(200);
        platform.record(c, Act.of("ca", "carol", "alice")).expect(201);
        platform.revoke(c, "ca", "carol", "entered by mistake").expect(200);

        JsonNode oneWay = platform.stats(c).expect(200).json();
        assertThat(oneWay.at("/acts/confirmed").asLong()).isEqualTo(1);
        assertThat(oneWay.at("/acts/pending").asLong()).isEqualTo(1);
        assertThat(oneWay.at("/acts/disputed").asLong()).isEqualTo(1);
        assertThat(oneWay.at("/acts/revoked").asLong()).isEqualTo(1);
        assertThat(oneWay.path("confirmedValue").decimalValue()).isEqualByComparingTo("10");
        assertThat(oneWay.path("givingEdges").asLong()).isEqualTo(1);
        assertThat(oneWay.path("mutualGivingPairs").asLong()).isZero();
        assertThat(oneWay.path("edgewiseReciprocity").asDouble()).isZero();

        platform.record(c, Act.of("ba", "bob", "alice").value(4).recordedByReceiver()).expect(201);
        JsonNode reciprocated = platform.stats(c).expect(200).json();
        assertThat(reciprocated.at("/acts/confirmed").asLong()).isEqualTo(2);
        assertThat(reciprocated.path("confirmedValue").decimalValue()).isEqualByComparingTo("14");
        assertThat(reciprocated.path("givingEdges").asLong()).isEqualTo(2);
        assertThat(reciprocated.path("mutualGivingPairs").asLong()).isEqualTo(1);
        assertThat(reciprocated.path("edgewiseReciprocity").asDouble()).isEqualTo(1.0);

        platform.post("/communities/" + c + "/members/carol/suspend", Map.of("reason", "away")).expect(200);
        assertThat(platform.stats(c).at("/activeMembers").asLong()).isEqualTo(2);
        admin.stats(unique("missing")).expectProblem(404, "not-found");
    }

    @Test
    void aDisputedActCanBeRevokedByItsRecorderAndThenStaysRevoked() {
        Community community = admin.createCommunity(unique("dispute"), "Disputes");
        LedgerClient platform = community.client();
        String c = community.id();
        platform.registerMember(c, "alice", "Alice").expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);
        platform.record(c, Act.of("d-1", "alice", "bob")).expect(201);

        platform.confirm(c, "d-1", "alice").expectProblem(422, "only-receiver-may-confirm");
        platform.dispute(c, "d-1", "alice", "me?").expectProblem(422, "only-receiver-may-dispute");
        assertThat(platform.dispute(c, "d-1", "bob", "It was only half an hour").expect(200).text("/status"))
                .isEqualTo("DISPUTED");
        JsonNode disputed = platform.contribution(c, "d-1").expect(200).json();
        assertThat(disputed.path("status").asText()).isEqualTo("DISPUTED");
        assertThat(disputed.path("statusReason").asText()).isEqualTo("It was only half an hour");
        assertThat(platform.reciprocity(c, "alice").at("/pendingGiven/count").asLong())
                .as("a disputed act still waits").isEqualTo(1);

        platform.revoke(c, "d-1", "bob", "not mine to revoke").expectProblem(422, "only-recorder-may-revoke");
        assertThat(platform.revoke(c, "d-1", "alice", "Recorded twice").expect(200).text("/status"))
                .isEqualTo("REVOKED");
        JsonNode revoked = platform.contribution(c, "d-1").expect(200).json();
        assertThat(revoked.path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.path("statusReason").asText()).isEqualTo("Recorded twice");

        platform.confirm(c, "d-1", "bob").expectProblem(409, "contribution-already-final");
        platform.dispute(c, "d-1", "bob", "again").expectProblem(409, "contribution-already-final");
        platform.revoke(c, "d-1", "alice", "again").expect(200);

        JsonNode alice = platform.reciprocity(c, "alice").expect(200).json();
        assertThat(alice.at("/given/count").asLong()).isZero();
        assertThat(alice.at("/pendingGiven/count").asLong()).as("revoked acts count nowhere").isZero();
        platform.confirm(c, "no-such-act", "bob").expectProblem(404, "not-found");
    }

    @Test
    void trustDeclarationsAppearInStatsUntilWithdrawn() {
        Community community = admin.createCommunity(unique("trust"), "Trust");
        LedgerClient platform = community.client();
        String c = community.id();
        for (String member : List.of("alice", "bob", "carol")) {
            platform.registerMember(c, member, member).expect(201);
        }

        JsonNode declared = platform.put("/communities/" + c + "/trust/alice/bob",
                Map.of("level", 5, "note", "Reliable")).expect(200).json();
        assertThat(declared.path("truster").asText()).isEqualTo("alice");
        assertThat(declared.path("trustee").asText()).isEqualTo("bob");
        assertThat(declared.path("level").asInt()).isEqualTo(5);
        assertThat(declared.path("note").asText()).isEqualTo("Reliable");
        platform.put("/communities/" + c + "/trust/bob/carol?category=help", Map.of("level", 2)).expect(200);
        platform.declareTrust(c, "carol", "alice", -4).expect(200);

        JsonNode stats = platform.stats(c).expect(200).json();
        assertThat(stats.path("positiveTrustDeclarations").asLong()).isEqualTo(2);
        assertThat(stats.path("negativeTrustDeclarations").asLong()).isEqualTo(1);

        platform.declareTrust(c, "alice", "bob", 7).expect(200);
        assertThat(platform.stats(c).at("/positiveTrustDeclarations").asLong()).as("a new declaration replaces the old").isEqualTo(2);

        platform.withdrawTrust(c, "alice", "bob").expect(204);
        platform.delete("/communities/" + c + "/trust/bob/carol?category=help").expect(204);
        platform.withdrawTrust(c, "carol", "alice").expect(204);
        JsonNode after = platform.stats(c).expect(200).json();
        assertThat(after.path("positiveTrustDeclarations").asLong()).isZero();
        assertThat(after.path("negativeTrustDeclarations").asLong()).isZero();
        platform.withdrawTrust(c, "alice", "bob").expect(204);

        platform.declareTrust(c, "alice", "alice", 3).expectProblem(422, "self-trust-not-allowed");
        platform.declareTrust(c, "alice", "bob", 11).expectProblem(422, "trust-level-out-of-range");
        platform.declareTrust(c, "alice", "nobody", 3).expectProblem(422, "unknown-member");
        platform.put("/communities/" + c + "/trust/alice/bob?category=gardening", Map.of("level", 1))
                .expectProblem(422, "unknown-category");
    }

    @Test
    void membersCanBeRenamedSuspendedAndReinstated() {
        Community community = admin.createCommunity(unique("members"), "Members");
        LedgerClient platform = community.client();
        String c = community.id();
        JsonNode registered = platform.registerMember(c, "alice", "Alice").expect(201).json();
        assertThat(registered.path("memberId").asText()).isEqualTo("alice");
        assertThat(registered.path("active").asBoolean()).isTrue();
        platform.registerMember(c, "bob", "Bob").expect(201);

        assertThat(platform.patch("/communities/" + c + "/members/alice", Map.of("displayName", "Alice Liddell"))
                .expect(200).text("/displayName")).isEqualTo("Alice Liddell");
        assertThat(platform.member(c, "alice").expect(200).text("/displayName")).isEqualTo("Alice Liddell");

        assertThat(platform.post("/communities/" + c + "/members/alice/suspend", Map.of("reason", "on leave"))
                .expect(200).at("/active").asBoolean()).isFalse();
        platform.record(c, Act.of("while-away", "alice", "bob")).expectProblem(422, "member-not-active");
        platform.declareTrust(c, "bob", "alice", 2).expectProblem(422, "member-not-active");

        assertThat(platform.post("/communities/" + c + "/members/alice/reinstate", null)
                .expect(200).at("/active").asBoolean()).isTrue();
        platform.record(c, Act.of("back", "alice", "bob")).expect(201);

        platform.member(c, "nobody").expectProblem(404, "not-found");
        platform.patch("/communities/" + c + "/members/nobody", Map.of("displayName", "X"))
                .expectProblem(404, "not-found");
    }

    @Test
    void everyEventCarriesTheProvenanceOfTheRequestThatCausedIt() {
        Community community = admin.createCommunity(unique("provenance"), "Provenance");
        String c = community.id();
        Instant before = Instant.now();
        community.client().registerMember(c, "alice", "Alice").expect(201);
        community.client().registerMember(c, "bob", "Bob").expect(201);

        String recordRequest = "walkthrough-" + UUID.randomUUID();
        Reply recorded = community.client().withRequestId(recordRequest).record(c, Act.of("p-1", "alice", "bob"))
                .expect(201);
        assertThat(recorded.header("X-Request-Id")).hasValue(recordRequest);
        String confirmRequest = "walkthrough-" + UUID.randomUUID();
        community.client().withRequestId(confirmRequest).confirm(c, "p-1", "bob").expect(200);
        Instant after = Instant.now();

        String aggregate = "contribution/" + c + "/p-1";
        assertThat(events.payloadTypes(aggregate)).containsExactly("ContributionRecorded", "ContributionConfirmed");

        JsonNode recordedMeta = events.metaData(aggregate, 0);
        assertThat(recordedMeta.path("keyId").asText()).isEqualTo(community.apiKeyId());
        assertThat(recordedMeta.path("requestId").asText()).isEqualTo(recordRequest);
        Instant receivedAt = Instant.parse(recordedMeta.path("receivedAt").asText());
        assertThat(receivedAt).isBetween(before.minusSeconds(1), after.plusSeconds(1));

        JsonNode confirmedMeta = events.metaData(aggregate, 1);
        assertThat(confirmedMeta.path("requestId").asText()).isEqualTo(confirmRequest);
        assertThat(confirmedMeta.path("keyId").asText()).isEqualTo(community.apiKeyId());

        JsonNode creation = events.metaData("community/" + c, 0);
        assertThat(creation.path("keyId").asText()).as("the admin created the community").isEqualTo("admin");
        assertThat(creation.path("requestId").asText()).isNotBlank();
        assertThat(creation.has("receivedAt")).isTrue();

        Reply unsafeId = community.client().withRequestId("no spaces <allowed>").member(c, "alice").expect(200);
        assertThat(unsafeId.header("X-Request-Id")).get().asString().isNotEqualTo("no spaces <allowed>")
                .matches("[A-Za-z0-9._:\\-]{1,128}");
    }

    @Test
    void theCommunityReadsBackWithItsDefaultSettings() {
        String id = unique("defaults");
        Reply created = admin.post("/communities", Map.of("id", id, "name", "Defaults")).expect(201);
        assertThat(created.header("Location")).hasValue("/api/v1/communities/" + id);
        assertThat(created.text("/apiKey")).startsWith("cl_");
        assertThat(created.text("/apiKeyId")).isNotBlank();

        JsonNode community = admin.get("/communities/" + id).expect(200).json();
        assertThat(community.path("communityId").asText()).isEqualTo(id);
        assertThat(community.path("name").asText()).isEqualTo("Defaults");
        assertThat(community.path("settings").path("categories")).extracting(JsonNode::asText)
                .contains("help", "referral");
        assertThat(community.path("settings").path("confirmationRequired").asBoolean()).isTrue();
        assertThat(community.path("settings").path("maxValuePerAct").decimalValue())
                .isEqualByComparingTo(new BigDecimal("1000"));
        assertThat(community.toString()).doesNotContain(created.text("/apiKey"));

        admin.post("/communities", Map.of("id", id, "name", "Again")).expectProblem(409, "community-already-exists");
        admin.get("/communities/" + unique("missing")).expectProblem(404, "not-found");
    }
}
