package org.contributionledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/** Community keys are rotated and revoked by the admin, with effect on the very next request. */
class ApiKeysTest extends LedgerApiTest {

    @Autowired
    private KeyUsage usage;

    private Community community;
    private String keys;

    @BeforeEach
    void community() {
        community = admin.createCommunity(unique("keys"), "Keys");
        keys = "/communities/" + community.id() + "/keys";
    }

    private LedgerClient rotate(boolean revokePrevious) {
        Reply issued = admin.post(keys + "?revokePrevious=" + revokePrevious, null).expect(201);
        assertThat(issued.text("/apiKey")).startsWith("cl_").isNotEqualTo(community.apiKey());
        return admin.withKey(issued.text("/apiKey"));
    }

    @Test
    void aRotatedKeyActsAtOnceAndTheOldOneUntilItIsRevoked() {
        LedgerClient fresh = rotate(false);
        fresh.registerMember(community.id(), "ada", "Ada").expect(201);
        community.client().stats(community.id()).expect(200);

        JsonNode listing = admin.get(keys).expect(200).json();
        assertThat(listing.path("keys")).hasSize(2);
        String oldKeyId = community.apiKeyId();
        admin.post(keys + "/" + oldKeyId + "/revoke", null).expect(200);

        community.client().stats(community.id()).expectProblem(401, "unauthorized");
        community.client().registerMember(community.id(), "eve", "Eve").expectProblem(401, "unauthorized");
        fresh.stats(community.id()).expect(200);
        admin.member(community.id(), "eve").expect(404);

        String aggregate = "community/" + community.id();
        assertThat(events.payloadTypes(aggregate)).containsExactly("CommunityCreated", "CommunityApiKeyIssued",
                "CommunityApiKeyIssued", "CommunityApiKeyRevoked");
        assertThat(events.metaData(aggregate, 3).path("keyId").asText()).isEqualTo("admin");
    }

    @Test
    void rotatingWithRevokePreviousRefusesTheOldKeyAtOnce() {
        LedgerClient fresh = rotate(true);
        community.client().stats(community.id()).expectProblem(401, "unauthorized");
        fresh.stats(community.id()).expect(200);
        JsonNode listed = admin.get(keys).expect(200).json().path("keys");
        assertThat(listed.get(0).path("apiKeyId").asText()).isEqualTo(community.apiKeyId());
        assertThat(listed.get(0).path("revokedAt").isTextual()).isTrue();
        assertThat(listed.get(1).get("revokedAt").isNull()).isTrue();
    }

    @Test
    void noKeyNorDigestIsEverInAnEvent() {
        Reply issued = admin.post(keys, null).expect(201);
        String secret = issued.text("/apiKey");
        List<String> payloads = jdbc.queryForList(
                "SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ?", byte[].class,
                "community/" + community.id()).stream().map(String::new).toList();
        assertThat(payloads).hasSize(3).noneMatch(payload -> payload.contains(secret)
                || payload.contains(community.apiKey()));
    }

    @Test
    void revokingTwiceChangesNothingAndAnUnknownKeyOrCommunityIs404() {
        admin.post(keys + "/" + community.apiKeyId() + "/revoke", null).expect(200);
        long before = events.total();
        admin.post(keys + "/" + community.apiKeyId() + "/revoke", null).expect(200);
        assertThat(events.total()).isEqualTo(before);

        admin.post(keys + "/key-never-issued/revoke", null).expectProblem(404, "unknown-api-key");
        String nowhere = "/communities/" + unique("nowhere") + "/keys";
        admin.get(nowhere).expectProblem(404, "not-found");
        admin.post(nowhere, null).expectProblem(404, "not-found");
        assertThat(events.total()).isEqualTo(before);
    }

    @Test
    void onlyTheAdminManagesKeysEvenOfTheKeysOwnCommunity() {
        LedgerClient own = community.client();
        own.get(keys).expectProblem(403, "forbidden");
        own.post(keys, null).expectProblem(403, "forbidden");
        own.post(keys + "/" + community.apiKeyId() + "/revoke", null).expectProblem(403, "forbidden");
        admin.withKey(null).get(keys).expectProblem(401, "unauthorized");
        assertThat(admin.get(keys).expect(200).at("/keys")).hasSize(1);
        own.stats(community.id()).expect(200);
    }

    @Test
    void theAdminSeesWhenEachKeyWasIssuedRevokedAndLastUsed() {
        LedgerClient fresh = rotate(false);
        JsonNode unused = admin.get(keys).expect(200).at("/keys/1");
        assertThat(unused.get("lastUsedAt").isNull()).as("a key never used has no last use: null").isTrue();
        assertThat(unused.get("revokedAt").isNull()).isTrue();
        assertThat(Instant.parse(unused.path("issuedAt").asText())).isBeforeOrEqualTo(Instant.now());

        Instant before = Instant.now();
        fresh.stats(community.id()).expect(200);
        Instant after = Instant.now();
        JsonNode used = admin.get(keys).expect(200).at("/keys/1");
        Instant lastUsed = Instant.parse(used.path("lastUsedAt").asText());
        assertThat(lastUsed).isBetween(before.minusSeconds(1), after);

        // Stored at the next flush, not per request; what is stored is what another node would show.
        usage.flush();
        Instant stored = jdbc.queryForObject("SELECT last_used_at FROM ledger_api_key_use WHERE key_id = ?",
                java.time.OffsetDateTime.class, used.path("apiKeyId").asText()).toInstant();
        assertThat(stored).isEqualTo(lastUsed);
    }

    @Test
    void failedAuthenticationsAreCountedByReasonForTheAdminOnly() {
        Map<String, Double> before = failureCounts();
        admin.withKey(null).stats(community.id()).expectProblem(401, "unauthorized");
        admin.withKey("cl_never-issued-key").stats(community.id()).expectProblem(401, "unauthorized");
        admin.withKey("cl_never-issued-key").stats(community.id()).expectProblem(401, "unauthorized");
        admin.withAuthorization("Basic abc").stats(community.id()).expectProblem(401, "unauthorized");
        Community other = admin.createCommunity(unique("keys-other"), "Other");
        other.client().stats(community.id()).expectProblem(403, "forbidden");
        admin.post(keys + "/" + community.apiKeyId() + "/revoke", null).expect(200);
        community.client().stats(community.id()).expectProblem(401, "unauthorized");

        Map<String, Double> after = failureCounts();
        // Tests run one at a time in this JVM, so nothing else counts in between.
        assertThat(after.get("missing") - before.get("missing")).isEqualTo(1.0);
        assertThat(after.get("unknown") - before.get("unknown")).isEqualTo(2.0);
        assertThat(after.get("malformed") - before.get("malformed")).isEqualTo(1.0);
        assertThat(after.get("forbidden") - before.get("forbidden")).isEqualTo(1.0);
        assertThat(after.get("revoked") - before.get("revoked")).isEqualTo(1.0);

        String metric = "//actuator/metrics/" + SecurityProblems.FAILURES_METRIC;
        admin.withKey(null).get(metric).expectProblem(401, "unauthorized");
        other.client().get(metric).expectProblem(403, "forbidden");
    }

    private Map<String, Double> failureCounts() {
        Map<String, Double> counts = new java.util.HashMap<>();
        for (AuthenticationFailure reason : AuthenticationFailure.values()) {
            JsonNode metric = admin.get("//actuator/metrics/" + SecurityProblems.FAILURES_METRIC + "?tag=reason:"
                    + reason.tag()).expect(200).json();
            counts.put(reason.tag(), metric.at("/measurements/0/value").asDouble());
        }
        return counts;
    }

    @Test
    void pathsTheControllerWouldReadDifferentlyAreRefusedBeforeAnyKeyCheck() {
        String c = community.id();
        LedgerClient anonymous = admin.withKey(null);
        for (String path : List.of("//api;x/v1/communities/" + c + "/stats",
                "//api/v1/communities/" + c + ";x/stats",
                "//api/v1//communities/" + c + "/stats",
                "//api/v1/communities/./" + c + "/stats",
                "//api/v1/communities/other/../" + c + "/stats",
                "//api/v1/communities/%2e%2e/" + c + "/stats",
                "//actuator/health;x")) {
            anonymous.get(path).expectProblem(400, "ambiguous-path");
            community.client().get(path).expectProblem(400, "ambiguous-path");
        }
    }

    @Test
    void aCommunityIdSpelledWithPercentEncodingIsTheSameCommunity() {
        // Spring MVC decodes path variables; the key check judges the decoded id too.
        String c = community.id();
        String encoded = "%" + Integer.toHexString(c.charAt(0)) + c.substring(1);
        community.client().get("/communities/" + encoded + "/stats").expect(200);
        Community other = admin.createCommunity(unique("keys-other"), "Other");
        other.client().get("/communities/" + encoded + "/stats").expectProblem(403, "forbidden");
        other.client().record(c, Act.of("x", "a", "b")).expectProblem(403, "forbidden");
    }
}
