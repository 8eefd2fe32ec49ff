package org.contributionledger.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Linking, listing and unlinking a member's platform identities over HTTP, and each refusal with its
 * problem, recording nothing.
 */
class IdentityApiTest extends LedgerApiTest {

    private LedgerClient platform;
    private String c;

    @BeforeEach
    void community() {
        Community community = admin.createCommunity(unique("ids"), "Identities");
        platform = community.client();
        c = community.id();
        platform.registerMember(c, "ada", "Ada Lovelace").expect(201);
        platform.registerMember(c, "bob", "Bob Noyce").expect(201);
    }

    @Test
    void anIdentityIsLinkedOnceListedRenamedAndUnlinked() {
        Reply linked = platform.put(path("ada", "github", "583231"), Map.of("login", "ada")).expect(201);
        assertThat(linked.header("Location")).contains("/api/v1/communities/" + c + "/members/ada/identities/github/583231");
        assertThat(linked.text("/memberId")).isEqualTo("ada");
        assertThat(linked.text("/platform")).isEqualTo("github");
        assertThat(linked.text("/platformUserId")).isEqualTo("583231");
        assertThat(linked.text("/login")).isEqualTo("ada");
        String linkedAt = linked.text("/linkedAt");

        // The same link again is a retry: 200, nothing recorded.
        platform.put(path("ada", "github", "583231"), Map.of("login", "ada")).expect(200);
        assertThat(events.ofType("member/" + c + "/ada", "IdentityLinked")).isEqualTo(1);

        // Renamed on GitHub: the new login is recorded, the link keeps its time.
        Reply renamed = platform.put(path("ada", "github", "583231"), Map.of("login", "ada-lovelace")).expect(200);
        assertThat(renamed.text("/login")).isEqualTo("ada-lovelace");
        assertThat(renamed.text("/linkedAt")).isEqualTo(linkedAt);
        assertThat(events.ofType("member/" + c + "/ada", "IdentityLinked")).isEqualTo(2);

        platform.put(path("ada", "slack", "U024BE7LH"), Map.of("login", "U024BE7LH")).expect(201);
        Reply listed = platform.get(identities("ada")).expect(200);
        assertThat(listed.text("/memberId")).isEqualTo("ada");
        assertThat(listed.at("/items").findValuesAsText("platform")).containsExactly("github", "slack");
        assertThat(listed.at("/items").findValuesAsText("login")).containsExactly("ada-lovelace", "U024BE7LH");
        assertThat(platform.get(identities("bob")).expect(200).at("/items").size()).isZero();

        platform.delete(path("ada", "github", "583231")).expect(204);
        assertThat(platform.get(identities("ada")).expect(200).at("/items").findValuesAsText("platform"))
                .containsExactly("slack");
        assertThat(events.payloadTypes("member/" + c + "/ada")).containsExactly("MemberRegistered",
                "IdentityLinked", "IdentityLinked", "IdentityLinked", "IdentityUnlinked");

        // Unlinked, the user may be linked to another member.
        platform.put(path("bob", "github", "583231"), Map.of("login", "ada-lovelace")).expect(201);
    }

    @Test
    void aMembersAnswerListsTheirPlatformUsersUntilTheyAreErased() {
        platform.put(path("ada", "slack", "U024BE7LH"), Map.of("login", "U024BE7LH")).expect(201);
        platform.put(path("ada", "github", "583231"), Map.of("login", "ada")).expect(201);

        Reply ada = platform.member(c, "ada").expect(200);
        assertThat(ada.text("/displayName")).isEqualTo("Ada Lovelace");
        assertThat(ada.at("/identities").findValuesAsText("platform")).containsExactly("github", "slack");
        assertThat(ada.at("/identities").findValuesAsText("userId")).containsExactly("583231", "U024BE7LH");
        assertThat(ada.at("/identities").findValuesAsText("login")).containsExactly("ada", "U024BE7LH");
        assertThat(platform.member(c, "bob").expect(200).at("/identities").size()).isZero();

        platform.post("/communities/" + c + "/members/ada/erasure", Map.of()).expect(200);
        Reply erased = platform.member(c, "ada").expect(200);
        assertThat(erased.at("/identities").isArray()).isTrue();
        assertThat(erased.at("/identities").size()).as("an erased member's users are listed no more").isZero();
        assertThat(erased.body()).doesNotContain("583231").doesNotContain("U024BE7LH");
    }

    @Test
    void eachRuleHasItsProblemAndRecordsNothing() {
        platform.put(path("ada", "github", "583231"), Map.of("login", "ada")).expect(201);
        platform.registerMember(c, "cyd", "Cyd").expect(201);
        platform.post("/communities/" + c + "/members/bob/erasure", Map.of()).expect(200);
        List<Long> before = events.fingerprint();

        platform.put(path("cyd", "github", "583231"), Map.of("login", "ada")).expectProblem(409, "identity-already-linked");
        // Checked in the listed order: the erasure first.
        platform.put(path("bob", "github", "583231"), Map.of("login", "ada")).expectProblem(422, "member-was-erased");
        platform.put(path("bob", "discourse", "1"), Map.of("login", "bob")).expectProblem(422, "member-was-erased");
        platform.put(path("ghost", "github", "1"), Map.of("login", "ghost")).expectProblem(404, "not-found");
        platform.delete(path("ada", "github", "1")).expectProblem(404, "identity-not-linked");
        platform.delete(path("ada", "discourse", "583231")).expectProblem(404, "identity-not-linked");
        platform.delete(path("ghost", "github", "1")).expectProblem(404, "not-found");
        platform.get(identities("ghost")).expectProblem(404, "not-found");

        Reply unsupported = platform.put(path("ada", "gitlab", "1"), Map.of("login", "ada")).expectProblem(400, "invalid-request");
        assertThat(unsupported.text("/field")).isEqualTo("platform");
        assertThat(platform.delete(path("ada", "gitlab", "1")).expectProblem(400, "invalid-request").text("/field"))
                .isEqualTo("platform");
        assertThat(platform.put(path("ada", "github", "1"), Map.of()).expectProblem(400, "invalid-request").text("/field"))
                .isEqualTo("login");
        assertThat(platform.put(path("ada", "github", "1"), Map.of("login", "a\nb")).expectProblem(400, "invalid-request")
                .text("/field")).isEqualTo("login");
        platform.put(path("ada", "github", "1"), Map.of("login", "ada", "platform", "github"))
                .expectProblem(400, "unknown-field");

        assertThat(events.fingerprint()).isEqualTo(before);
    }

    @Test
    void erasureLeavesTheLinksWithoutLogins() {
        platform.put(path("ada", "github", "583231"), Map.of("login", "ada-the-first")).expect(201);
        // The login names a person: stored encrypted under the member's key, like a display name.
        String stored = new String(jdbc.queryForObject("""
                        SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 1""",
                byte[].class, "member/" + c + "/ada"), StandardCharsets.UTF_8);
        assertThat(stored).contains("enc:v1:").doesNotContain("ada-the-first");

        platform.post("/communities/" + c + "/members/ada/erasure", Map.of()).expect(200);

        Reply listed = platform.get(identities("ada")).expect(200);
        assertThat(listed.at("/items/0/platformUserId").asText()).isEqualTo("583231");
        assertThat(listed.at("/items/0/login").isNull()).isTrue();
        assertThat(events.column("SELECT login FROM directory_identity WHERE community_id = ?", c)).containsOnlyNulls();
        // The erased member's identity may still be unlinked, freeing it for someone else.
        platform.delete(path("ada", "github", "583231")).expect(204);
        platform.put(path("bob", "github", "583231"), Map.of("login", "ada-the-first")).expect(201);
    }

    @Test
    void aCommunityKeyLinksOnlyInsideItsCommunity() {
        Community other = admin.createCommunity(unique("ids-other"), "Other");
        other.client().put(path("ada", "github", "583231"), Map.of("login", "ada")).expectProblem(403, "forbidden");
        other.client().get(identities("ada")).expectProblem(403, "forbidden");
        assertThat(events.ofType("member/" + c + "/ada", "IdentityLinked")).isZero();
    }

    @Test
    void registeringUnknownIdentitiesIsASettingOnByDefault() {
        assertThat(platform.get("/communities/" + c).expect(200).at("/settings/registerUnknownIdentities").asBoolean())
                .isTrue();
        Community closed = admin.createCommunity(Map.of("id", unique("ids-closed"), "name", "Closed",
                "registerUnknownIdentities", false));
        assertThat(admin.get("/communities/" + closed.id()).expect(200).at("/settings/registerUnknownIdentities").asBoolean())
                .isFalse();
        admin.put("/communities/" + closed.id() + "/settings", Map.of()).expect(200);
        assertThat(admin.get("/communities/" + closed.id()).expect(200).at("/settings/registerUnknownIdentities").asBoolean())
                .as("left out, the setting takes its default").isTrue();
        admin.put("/communities/" + closed.id() + "/settings", Map.of("registerUnknownIdentities", "no"))
                .expectProblem(400, "invalid-request");
    }

    private String identities(String member) {
        return "/communities/" + c + "/members/" + member + "/identities";
    }

    private String path(String member, String platform, String userId) {
        return identities(member) + "/" + platform + "/" + userId;
    }
}
