package org.contributionledger.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.contributionledger.api.LedgerCommands;
import org.contributionledger.api.Provenance;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.core.common.InvalidField;
import org.contributionledger.core.common.UnknownCommunity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Which member a platform's user is, as webhooks will ask: by the stable user id first, the login
 * only to name a member for a user seen for the first time, and never two members for one user.
 */
class LinkedIdentitiesTest extends LedgerApiTest {

    @Autowired
    private PlatformIdentities identities;

    private LedgerClient platform;
    private String c;

    @BeforeEach
    void community() {
        Community community = admin.createCommunity(unique("resolve"), "Resolution");
        platform = community.client();
        c = community.id();
    }

    @Test
    void anUnknownUserIsRegisteredAsPlatformAndLoginWithTheIdentityLinked() {
        assertThat(resolve(c, "github", "583231", "octo-ada")).contains("github:octo-ada");

        assertThat(platform.member(c, "github:octo-ada").expect(200).text("/displayName")).isEqualTo("octo-ada");
        assertThat(linkedLogins(c, "github:octo-ada")).containsExactly("octo-ada");
        long stored = events.forCommunity(c);

        // Seen again: the same member, nothing recorded.
        assertThat(resolve(c, "github", "583231", "octo-ada")).contains("github:octo-ada");
        assertThat(events.forCommunity(c)).isEqualTo(stored);
    }

    @Test
    void aLinkedUserIdWinsOverTheLogin() {
        platform.registerMember(c, "ada", "Ada Lovelace").expect(201);
        platform.registerMember(c, "github:ada", "Someone else").expect(201);
        platform.put(identityPath("ada", "github", "583231"), Map.of("login", "ada")).expect(201);

        assertThat(resolve(c, "github", "583231", "ada")).contains("ada");
        assertThat(linkedLogins(c, "github:ada")).isEmpty();
    }

    @Test
    void aUserWhoseMemberWasMergedAwayIsTheMemberTheMergeKept() {
        assertThat(resolve(c, "github", "583231", "ada")).contains("github:ada");
        platform.registerMember(c, "ada", "Ada Lovelace").expect(201);
        platform.post("/communities/" + c + "/members/ada/merge", Map.of("mergedMemberId", "github:ada")).expect(200);

        assertThat(resolve(c, "github", "583231", "ada")).as("by the linked user id").contains("ada");
        assertThat(resolve(c, "github", "583231", "ada-l")).as("renamed meanwhile: still the kept member").contains("ada");
    }

    @Test
    void aUserWhoseMemberWasMergedTwiceIsTheLastMemberKept() {
        assertThat(resolve(c, "github", "583231", "ada")).contains("github:ada");
        platform.registerMember(c, "ada", "Ada Lovelace").expect(201);
        platform.registerMember(c, "ada-lovelace", "Ada, Countess of Lovelace").expect(201);
        platform.post("/communities/" + c + "/members/ada/merge", Map.of("mergedMemberId", "github:ada")).expect(200);
        platform.post("/communities/" + c + "/members/ada-lovelace/merge", Map.of("mergedMemberId", "ada")).expect(200);
        long stored = events.forCommunity(c);

        assertThat(resolve(c, "github", "583231", "ada")).as("github:ada into ada, ada into ada-lovelace")
                .contains("ada-lovelace");
        assertThat(resolve(c, "github", "583231", "ada-l")).as("renamed meanwhile").contains("ada-lovelace");
        assertThat(events.forCommunity(c)).as("nothing recorded for a merged-away member").isEqualTo(stored);

        platform.post("/communities/" + c + "/members/ada-lovelace/erasure", Map.of()).expect(200);
        assertThat(resolve(c, "github", "583231", "ada")).as("the last member kept erased").isEmpty();
    }

    @Test
    void aFirstSeenUserWhoseLoginNamesAMergedAwayMemberIsTheMemberTheMergeKept() {
        platform.registerMember(c, "github:grace", "Grace on GitHub").expect(201);
        platform.registerMember(c, "grace", "Grace Hopper").expect(201);
        platform.post("/communities/" + c + "/members/grace/merge", Map.of("mergedMemberId", "github:grace")).expect(200);

        assertThat(resolve(c, "github", "77", "grace")).contains("grace");
        assertThat(linkedLogins(c, "grace")).containsExactly("grace");
    }

    @Test
    void aRenamedUserStaysTheSameMemberAndTheNewLoginIsRecorded() {
        assertThat(resolve(c, "github", "583231", "ada")).contains("github:ada");

        assertThat(resolve(c, "github", "583231", "ada-lovelace")).contains("github:ada");

        assertThat(linkedLogins(c, "github:ada")).containsExactly("ada-lovelace");
        assertThat(platform.member(c, "github:ada-lovelace").status()).isEqualTo(404);
        assertThat(events.ofType("member/" + c + "/github:ada", "IdentityLinked")).isEqualTo(2);
    }

    @Test
    void withRegistrationTurnedOffAnUnknownUserIsUnresolvedAndNothingIsRecorded() {
        Community closed = admin.createCommunity(Map.of("id", unique("closed"), "name", "Closed",
                "registerUnknownIdentities", false));
        long stored = events.forCommunity(closed.id());

        assertThat(resolve(closed.id(), "github", "583231", "ada")).isEmpty();

        assertThat(events.forCommunity(closed.id())).isEqualTo(stored);
        assertThat(closed.client().member(closed.id(), "github:ada").status()).isEqualTo(404);
        // A linked identity still resolves: the setting is about unknown users only.
        closed.client().registerMember(closed.id(), "ada", "Ada").expect(201);
        closed.client().put("/communities/" + closed.id() + "/members/ada/identities/github/583231",
                Map.of("login", "ada")).expect(201);
        assertThat(resolve(closed.id(), "github", "583231", "ada")).contains("ada");
    }

    @Test
    void concurrentFirstDeliveriesOfOneUserMakeOneMember() throws Exception {
        int deliveries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Optional<String>>> answers = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return resolve(c, "slack", "U024BE7LH", "U024BE7LH");
                }));
            }
            start.countDown();
            for (Future<Optional<String>> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).contains("slack:U024BE7LH");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(events.payloadTypes("member/" + c + "/slack:U024BE7LH"))
                .containsExactly("MemberRegistered", "IdentityLinked");
        assertThat(events.rows("SELECT COUNT(*) FROM directory_member WHERE community_id = ?", c)).isEqualTo(1);
    }

    @Test
    void aMemberRegisteredByHandUnderPlatformAndLoginIsLinkedRatherThanDoubled() {
        platform.registerMember(c, "discourse:ada_l", "Ada L.").expect(201);

        assertThat(resolve(c, "discourse", "17", "ada_l")).contains("discourse:ada_l");

        assertThat(linkedLogins(c, "discourse:ada_l")).containsExactly("ada_l");
        assertThat(platform.member(c, "discourse:ada_l").expect(200).text("/displayName")).isEqualTo("Ada L.");
    }

    @Test
    void aLoginOnceAnotherUsersGivesTheNewUserTheirUserId() {
        assertThat(resolve(c, "github", "1", "ada")).contains("github:ada");

        // User 1 renamed away on GitHub (not seen since); user 2 took the login "ada".
        assertThat(resolve(c, "github", "2", "ada")).contains("github:2");

        assertThat(linkedLogins(c, "github:ada")).containsExactly("ada");
        assertThat(linkedLogins(c, "github:2")).containsExactly("ada");
    }

    @Test
    void aLoginThatIsNoIdGivesTheUserId() {
        assertThat(resolve(c, "discourse", "17", "Ada L")).contains("discourse:17");
        assertThat(platform.member(c, "discourse:17").expect(200).text("/displayName")).isEqualTo("Ada L");
    }

    @Test
    void anErasedMembersIdentityResolvesToNoOneAndRegistersNoOne() {
        assertThat(resolve(c, "github", "583231", "ada")).contains("github:ada");
        platform.post("/communities/" + c + "/members/github:ada/erasure", Map.of()).expect(200);
        long stored = events.forCommunity(c);

        assertThat(resolve(c, "github", "583231", "ada")).isEmpty();
        assertThat(resolve(c, "github", "583231", "ada-again")).isEmpty();

        assertThat(events.forCommunity(c)).isEqualTo(stored);
    }

    @Test
    void aMalformedIdentityOrAnUnknownCommunityIsRefusedBeforeAnythingIsRecorded() {
        List<Long> before = events.fingerprint();
        assertThatThrownBy(() -> resolve(c, "gitlab", "1", "ada")).isInstanceOf(InvalidField.class);
        assertThatThrownBy(() -> resolve(c, "github", "has space", "ada")).isInstanceOf(InvalidField.class);
        assertThatThrownBy(() -> resolve(c, "github", "1", " ")).isInstanceOf(InvalidField.class);
        assertThatThrownBy(() -> resolve(c, "github", "1", "ada\u001b[2J")).isInstanceOf(InvalidField.class);
        assertThatThrownBy(() -> resolve(unique("nowhere"), "github", "1", "ada")).isInstanceOf(UnknownCommunity.class);
        assertThat(events.fingerprint()).isEqualTo(before);
    }

    /** As a webhook would, with a provenance of its own (webhooks carry no bearer key). */
    private Optional<String> resolve(String community, String platformName, String userId, String login) {
        return LedgerCommands.actingFor(new Provenance("webhook-test", unique("delivery"), Instant.now()),
                () -> identities.memberFor(community, new PlatformIdentity(platformName, userId, login)));
    }

    private List<String> linkedLogins(String community, String member) {
        return events.column("SELECT login FROM directory_identity WHERE community_id = ? AND member_id = ?",
                community, member);
    }

    private String identityPath(String member, String platformName, String userId) {
        return "/communities/" + c + "/members/" + member + "/identities/" + platformName + "/" + userId;
    }
}
