package org.contributionledger.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contributionledger.api.webhook.WebhookDeliveries.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The three webhook endpoints with the platforms' own sample payloads (src/test/resources/webhooks,
 * see PROVENANCE.md there), signed as each platform signs: each mapped kind records the documented
 * act, anything unsigned or replayed is refused with nothing recorded, and every delivery counts once.
 */
class WebhooksTest extends LedgerApiTest {

    private static final String SECRET = "a-webhook-secret-of-the-test";
    private static final List<String> CATEGORIES = List.of("code", "review", "advice", "sponsorship", "endorsement", "help");

    private String c;
    private Community community;
    private LedgerClient platform;
    private WebhookDeliveries deliveries;

    @BeforeEach
    void community() {
        c = unique("hooks");
        community = admin.createCommunity(Map.of("id", c, "name", "Hooks", "categories", CATEGORIES));
        platform = community.client();
        for (String name : List.of("github", "discourse", "slack")) {
            platform.put("/communities/" + c + "/webhooks/" + name + "/settings", Map.of("secret", SECRET)).expect(200);
        }
        deliveries = new WebhookDeliveries(platform, c);
    }

    // ---- each mapped kind records the documented act -----------------------------------------------

    /** The sample's pull request was closed unmerged; the test merges it (merged, merged_at, merged_by) in the tree. */
    static ObjectNode mergedPullRequest() {
        ObjectNode body = sample("github/octokit__pull_request_closed.payload.json");
        ObjectNode pr = (ObjectNode) body.get("pull_request");
        pr.put("merged", true).put("merged_at", "2019-05-15T15:21:18Z");
        pr.putObject("merged_by").put("login", "octocat").put("id", 583231);
        return body;
    }

    @Test
    void aMergedPullRequestIsCodeFromItsAuthorToWhoeverMergedIt() {
        Reply reply = deliveries.github(SECRET, "pull_request", "d-1", mergedPullRequest()).expect(200);
        assertThat(reply.text("/status")).isEqualTo("processed");
        assertThat(reply.at("/recorded/0").asText()).isEqualTo("github:pr:186853002:2");

        Reply act = platform.contribution(c, "github:pr:186853002:2").expect(200);
        expectAct(act, "github:Codertocat", "github:octocat", "code", 1);
        assertThat(act.text("/occurredAt")).isEqualTo("2019-05-15T15:21:18Z");
        assertThat(act.text("/evidenceUrl")).isEqualTo("https://github.com/Codertocat/Hello-World/pull/2");
    }

    @Test
    void aMergedPullRequestWithoutMergerGoesToTheRepositoryOwner() {
        ObjectNode body = mergedPullRequest();
        ((ObjectNode) body.get("pull_request")).remove("merged_by");
        ((ObjectNode) body.at("/pull_request/user")).put("login", "hubot").put("id", 7);
        deliveries.github(SECRET, "pull_request", "d-1", body).expect(200);
        expectAct(platform.contribution(c, "github:pr:186853002:2").expect(200), "github:hubot", "github:Codertocat", "code", 1);
    }

    @Test
    void theSampleClosedPullRequestWasNotMergedAndIsIgnored() {
        List<Long> before = events.fingerprint();
        Reply reply = deliveries.github(SECRET, "pull_request", "d-1",
                sample("github/octokit__pull_request_closed.payload.json")).expect(202);
        assertThat(reply.text("/status")).isEqualTo("ignored");
        assertThat(reply.text("/reason")).contains("without being merged");
        assertThat(events.fingerprint()).isEqualTo(before);
    }

    @Test
    void aSubmittedReviewIsAReviewFromTheReviewerToTheAuthor() {
        ObjectNode body = sample("github/octokit__pull_request_review_submitted.payload.json");
        // The sample's reviewer is the pull request's author: another reviewer, edited in the tree.
        ((ObjectNode) body.at("/review/user")).put("login", "hubot").put("id", 7);
        deliveries.github(SECRET, "pull_request_review", "d-1", body).expect(200);
        Reply act = platform.contribution(c, "github:review:237895671").expect(200);
        expectAct(act, "github:hubot", "github:Codertocat", "review", 1);
        assertThat(act.text("/occurredAt")).isEqualTo("2019-05-15T15:20:38Z");
    }

    @Test
    void aReviewOfOnesOwnPullRequestIsIgnored() {
        List<Long> before = events.fingerprint();
        Reply reply = deliveries.github(SECRET, "pull_request_review", "d-1",
                sample("github/octokit__pull_request_review_submitted.payload.json")).expect(202);
        assertThat(reply.text("/reason")).contains("themselves");
        assertThat(events.fingerprint()).isEqualTo(before);
    }

    @Test
    void anAnsweredDiscussionIsAdviceFromTheAnswererToTheAsker() {
        deliveries.github(SECRET, "discussion", "d-1", sample("github/octokit__discussion_answered.payload.json")).expect(200);
        Reply act = platform.contribution(c, "github:answer:550561").expect(200);
        expectAct(act, "github:dan2wik", "github:Codertocat", "advice", 1);
        assertThat(act.text("/occurredAt")).isEqualTo("2021-03-30T23:17:18Z");
    }

    @Test
    void aSponsorshipIsWorthTheTiersMonthlyPriceInDollars() {
        Reply reply = deliveries.github(SECRET, "sponsorship", "d-1",
                sample("github/octokit__sponsorship_created.payload.json")).expect(200);
        // The node id has '=', which ids do not take: the act id is a digest of it.
        String id = reply.text("/recorded/0");
        assertThat(id).startsWith("github:sponsorship:").hasSize("github:sponsorship:".length() + 40);
        Reply act = platform.contribution(c, id).expect(200);
        expectAct(act, "github:monalisa", "github:octocat", "sponsorship", 5);
    }

    @Test
    void aLikeIsAnEndorsementFromTheLikerToThePostsAuthor() {
        Reply reply = deliveries.discourse(SECRET, "post_liked", "2306", sample("discourse/xuxiaowei__post_liked.body.json"))
                .expect(200);
        String id = reply.at("/recorded/0").asText();
        assertThat(id).isEqualTo("discourse:like:425:80");
        Reply act = platform.contribution(c, id).expect(200);
        expectAct(act, "discourse:flylang", "discourse:xuxiaowei", "endorsement", 1);
        assertThat(act.text("/evidenceUrl")).isEqualTo("https://forum.example.org/t/topic/336/1");
    }

    /** An accepted solution (the discourse-solved plugin sends the accepted post), built from the sample post. */
    static ObjectNode solution(long postId, int userId, String username, long topicId) {
        ObjectNode body = sample("discourse/xuxiaowei__post_created.body.json");
        ((ObjectNode) body.get("post")).put("id", postId).put("user_id", userId).put("username", username)
                .put("topic_id", topicId).put("post_number", 2).put("post_url", "/t/topic/" + topicId + "/2");
        return body;
    }

    @Test
    void anAcceptedSolutionIsAdviceToTheTopicsAuthorKnownFromItsFirstPost() {
        // The topic's first post was never delivered: the asker is unknown, nothing is guessed.
        List<Long> before = events.fingerprint();
        Reply unresolved = deliveries.discourse(SECRET, "accepted_solution", "e-1", solution(13, 2, "user2", 10))
                .expect(200);
        assertThat(unresolved.at("/recorded").size()).isZero();
        assertThat(unresolved.text("/unresolved/0/contributionId")).isEqualTo("discourse:solution:10:13");
        assertThat(unresolved.text("/unresolved/0/reason")).contains("author of topic 10 is unknown");
        assertThat(events.fingerprint()).isEqualTo(before);

        // The sample post_created is post 1 of topic 10 by user1: remembered, no act.
        deliveries.discourse(SECRET, "post_created", "47", sample("discourse/xuxiaowei__post_created.body.json")).expect(202);
        assertThat(events.fingerprint()).isEqualTo(before);

        deliveries.discourse(SECRET, "accepted_solution", "e-2", solution(13, 2, "user2", 10)).expect(200);
        expectAct(platform.contribution(c, "discourse:solution:10:13").expect(200),
                "discourse:user2", "discourse:user1", "advice", 1);

        Reply withdrawn = deliveries.discourse(SECRET, "unaccepted_solution", "e-3", solution(13, 2, "user2", 10)).expect(200);
        assertThat(withdrawn.text("/withdrawn/0")).isEqualTo("discourse:solution:10:13");
        assertThat(platform.contribution(c, "discourse:solution:10:13").text("/status")).isEqualTo("REVERSED");
    }

    @Test
    void aReactionIsAnEndorsementFromTheReactorToTheMessagesAuthorUntilRemoved() {
        String id = "slack:reaction:C0G9QF9GZ:1360782400.498405:U024BE7LH:thumbsup";
        Reply added = deliveries.slack(SECRET, Instant.now(),
                WebhookDeliveries.slackReaction("reaction_added", "Ev1", "U024BE7LH", "U0G9QF9C6", "1360782400.498405", "thumbsup"))
                .expect(200);
        assertThat(added.text("/recorded/0")).isEqualTo(id);
        Reply act = platform.contribution(c, id).expect(200);
        expectAct(act, "slack:U024BE7LH", "slack:U0G9QF9C6", "endorsement", 1);
        assertThat(act.text("/occurredAt")).isEqualTo("2013-02-13T19:13:24.083113Z");
        assertThat(platform.reciprocity(c, "slack:U024BE7LH").expect(200).at("/given/count").asInt()).isEqualTo(1);

        Reply removed = deliveries.slack(SECRET, Instant.now(),
                WebhookDeliveries.slackReaction("reaction_removed", "Ev2", "U024BE7LH", "U0G9QF9C6", "1360782400.498405", "thumbsup"))
                .expect(200);
        assertThat(removed.text("/withdrawn/0")).isEqualTo(id);
        assertThat(platform.contribution(c, id).text("/status")).isEqualTo("REVERSED");
        assertThat(platform.reciprocity(c, "slack:U024BE7LH").expect(200).at("/given/count").asInt()).isZero();
    }

    @Test
    void aReactionRemovedBeforeItWasAddedEndsWithNoActInForce() {
        String id = "slack:reaction:C0G9QF9GZ:1360782400.498405:U024BE7LH:white_check_mark";
        Reply removed = deliveries.slack(SECRET, Instant.now(), WebhookDeliveries.slackReaction("reaction_removed", "Ev2",
                "U024BE7LH", "U0G9QF9C6", "1360782400.498405", "white_check_mark")).expect(200);
        String withdrawn = removed.text("/withdrawn/0");
        assertThat(withdrawn).isEqualTo(id);
        List<Long> before = events.fingerprint();

        Reply added = deliveries.slack(SECRET, Instant.now(), WebhookDeliveries.slackReaction("reaction_added", "Ev1",
                "U024BE7LH", "U0G9QF9C6", "1360782400.498405", "white_check_mark")).expect(200);
        assertThat(added.at("/recorded").size()).isZero();
        assertThat(added.text("/unresolved/0/contributionId")).isEqualTo(withdrawn);
        assertThat(added.text("/unresolved/0/reason")).contains("withdrew it before");
        platform.contribution(c, withdrawn).expect(404);
        assertThat(events.fingerprint()).isEqualTo(before);
    }

    @Test
    void aReactionAddedAgainAfterItsRemovalIsInForceAgainUntilRemovedAgain() {
        String id = "slack:reaction:C0G9QF9GZ:1360782400.498405:U024BE7LH:eyes";
        Function<String[], Reply> send = typeAndEvent -> deliveries.slack(SECRET, Instant.now(), WebhookDeliveries.slackReaction(
                typeAndEvent[0], typeAndEvent[1], "U024BE7LH", "U0G9QF9C6", "1360782400.498405", "eyes")).expect(200);
        IntSupplier given = () -> platform.reciprocity(c, "slack:U024BE7LH").expect(200).at("/given/count").asInt();

        assertThat(send.apply(new String[] {"reaction_added", "Ev-a1"}).text("/recorded/0")).isEqualTo(id);
        assertThat(send.apply(new String[] {"reaction_removed", "Ev-r1"}).text("/withdrawn/0")).isEqualTo(id);
        assertThat(given.getAsInt()).isZero();

        assertThat(send.apply(new String[] {"reaction_added", "Ev-a2"}).text("/recorded/0")).isEqualTo(id + ":2");
        assertThat(platform.contribution(c, id + ":2").expect(200).text("/status")).isEqualTo("CONFIRMED");
        assertThat(given.getAsInt()).as("in force again").isEqualTo(1);

        // Removed again, and this time the removal of the third addition arrives before the addition.
        assertThat(send.apply(new String[] {"reaction_removed", "Ev-r2"}).text("/withdrawn/0")).isEqualTo(id + ":2");
        assertThat(send.apply(new String[] {"reaction_removed", "Ev-r3"}).text("/withdrawn/0")).isEqualTo(id + ":3");
        assertThat(send.apply(new String[] {"reaction_added", "Ev-a3"}).at("/recorded").size()).isZero();
        assertThat(given.getAsInt()).isZero();
        assertThat(platform.contribution(c, id).text("/status")).isEqualTo("REVERSED");
        assertThat(platform.contribution(c, id + ":2").text("/status")).isEqualTo("REVERSED");
        platform.contribution(c, id + ":3").expect(404);
    }

    @Test
    void slacksUrlVerificationIsAnsweredWithItsChallenge() {
        Reply reply = deliveries.slack(SECRET, Instant.now(), Map.of("token", "Jhj5dZrVaK7ZwHHjRyZWjbDl",
                "challenge", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type", "url_verification")).expect(200);
        assertThat(reply.text("/status")).isEqualTo("verified");
        assertThat(reply.text("/challenge")).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    // ---- kinds that map to nothing ------------------------------------------------------------------

    @Test
    void kindsThatMapToNoActAreAcceptedAsIgnoredWithTheirReason() {
        List<Long> before = events.fingerprint();
        Map<String, String> github = Map.of("star", "octokit__star_created.payload.json", "fork", "octokit__fork_payload.json",
                "watch", "octokit__watch_started.payload.json", "issue_comment", "octokit__issue_comment_created.payload.json",
                "pull_request", "octokit__pull_request_opened.payload.json",
                "pull_request_review_comment", "octokit__pull_request_review_comment_created.payload.json",
                "discussion_comment", "octokit__discussion_comment_created.payload.json",
                "sponsorship", "octokit__sponsorship_downgraded.payload.json");
        int n = 0;
        for (Map.Entry<String, String> kind : github.entrySet()) {
            Reply reply = deliveries.github(SECRET, kind.getKey(), "u-" + n++, sample("github/" + kind.getValue())).expect(202);
            assertThat(reply.text("/status")).isEqualTo("ignored");
            assertThat(reply.text("/reason")).isNotBlank();
        }
        deliveries.discourse(SECRET, "notification_created", "2307",
                sample("discourse/xuxiaowei__notification_created_5.body.json")).expect(202);
        deliveries.discourse(SECRET, "user_badge_granted", "2308",
                sample("discourse/xuxiaowei__user_badge_granted.body.json")).expect(202);
        ObjectNode message = WebhookDeliveries.slackReaction("reaction_added", "Ev9", "U1", "U2", "1.0", "eyes");
        ((ObjectNode) message.get("event")).put("type", "message");
        deliveries.slack(SECRET, Instant.now(), message).expect(202);
        assertThat(events.fingerprint()).isEqualTo(before);
    }

    @Test
    void aKindTurnedOffIsIgnored() {
        platform.put("/communities/" + c + "/webhooks/github/settings",
                Map.of("kinds", Map.of("pull_request.merged", Map.of("enabled", false)))).expect(200);
        List<Long> before = events.fingerprint();
        Reply reply = deliveries.github(SECRET, "pull_request", "d-1", mergedPullRequest()).expect(202);
        assertThat(reply.text("/reason")).contains("turned off");
        assertThat(events.fingerprint()).isEqualTo(before);
    }

    // ---- only genuine deliveries, each counted once ------------------------------------------------

    @Test
    void unsignedTamperedOrReplayedDeliveriesAre401AndRecordNothing() {
        List<Long> before = events.fingerprint();
        String body = WebhookDeliveries.text(mergedPullRequest());
        expectUnsigned(deliveries.github("a-different-secret", "pull_request", "d-1", body));
        // Signed, then one byte changed on the way.
        String signature = "sha256=" + WebhookDeliveries.hmacHex(SECRET, body);
        expectUnsigned(platform.withKey(null).withHeader("X-GitHub-Event", "pull_request").withHeader("X-GitHub-Delivery", "d-2")
                .withHeader("X-Hub-Signature-256", signature)
                .raw("POST", "/communities/" + c + "/webhooks/github", body.replace("\"number\":2", "\"number\":3"),
                        "application/json"));
        expectUnsigned(platform.withKey(null).withHeader("X-GitHub-Event", "pull_request").withHeader("X-GitHub-Delivery", "d-3")
                .raw("POST", "/communities/" + c + "/webhooks/github", body, "application/json"));
        // A community key is no signature.
        expectUnsigned(platform.withHeader("X-GitHub-Event", "pull_request").withHeader("X-GitHub-Delivery", "d-4")
                .raw("POST", "/communities/" + c + "/webhooks/github", body, "application/json"));
        expectUnsigned(deliveries.discourse("a-different-secret", "post_liked", "1",
                sample("discourse/xuxiaowei__post_liked.body.json")));
        ObjectNode reaction = WebhookDeliveries.slackReaction("reaction_added", "Ev1", "U1", "U2", "1.0", "eyes");
        assertThat(expectUnsigned(deliveries.slack(SECRET, Instant.now().minus(Duration.ofMinutes(6)), reaction))
                .text("/detail")).contains("5 minutes");
        expectUnsigned(deliveries.slack("a-different-secret", Instant.now(), reaction));
        // An unknown community answers exactly as a wrong signature does.
        Reply unknown = new WebhookDeliveries(platform, "no-such-community").github(SECRET, "pull_request", "d-5", body);
        expectUnsigned(unknown);
        assertThat(unknown.text("/detail")).isEqualTo(deliveries.github("a-different-secret", "pull_request", "d-6", body)
                .text("/detail").replace(c, "no-such-community"));
        assertThat(events.fingerprint()).isEqualTo(before);
        platform.contribution(c, "github:pr:186853002:2").expect(404);
    }

    @Test
    void theBodySizeLimitHoldsForDeliveriesToo() {
        String huge = "{\"zen\":\"" + "x".repeat(1024 * 1024) + "\"}";
        deliveries.github(SECRET, "ping", "big-1", huge).expectProblem(413, "payload-too-large");
    }

    @Test
    void withoutASecretEveryDeliveryIs401() {
        String other = unique("hooks");
        admin.createCommunity(Map.of("id", other, "name", "No secret", "categories", CATEGORIES));
        expectUnsigned(new WebhookDeliveries(platform, other).github(SECRET, "ping", "d-1", Map.of("zen", "Keep it simple")));
    }

    @Test
    void everyPayloadDeliveredTwiceRecordsOnce() {
        List<Supplier<Reply>> all = new ArrayList<>();
        all.add(() -> deliveries.github(SECRET, "pull_request", "t-1", mergedPullRequest()));
        all.add(() -> deliveries.github(SECRET, "discussion", "t-2", sample("github/octokit__discussion_answered.payload.json")));
        all.add(() -> deliveries.github(SECRET, "sponsorship", "t-3", sample("github/octokit__sponsorship_created.payload.json")));
        all.add(() -> deliveries.discourse(SECRET, "post_liked", "t-4", sample("discourse/xuxiaowei__post_liked.body.json")));
        all.add(() -> deliveries.discourse(SECRET, "post_created", "t-5", sample("discourse/xuxiaowei__post_created.body.json")));
        all.add(() -> deliveries.discourse(SECRET, "accepted_solution", "t-6", solution(13, 2, "user2", 10)));
        all.add(() -> deliveries.slack(SECRET, Instant.now(),
                WebhookDeliveries.slackReaction("reaction_added", "t-7", "U024BE7LH", "U0G9QF9C6", "1360782400.498405", "tada")));
        all.add(() -> deliveries.github(SECRET, "star", "t-8", sample("github/octokit__star_created.payload.json")));
        all.add(() -> deliveries.slack(SECRET, Instant.now(),
                WebhookDeliveries.slackReaction("reaction_removed", "t-9", "U024BE7LH", "U0G9QF9C6", "1360782400.498405", "tada")));
        for (Supplier<Reply> delivery : all) {
            Reply first = delivery.get();
            assertThat(first.status()).as(first.body()).isIn(200, 202);
            List<Long> before = events.fingerprint();
            Reply again = delivery.get();
            assertThat(again.status()).isEqualTo(first.status());
            assertThat(again.json()).isEqualTo(first.json());
            assertThat(events.fingerprint()).as("after the redelivery of %s", first.body()).isEqualTo(before);
        }
        // The same pull request told again under another delivery id (GitHub's "redeliver" keeps the
        // id, but a second hook on the organization would not): the act exists once.
        Reply other = deliveries.github(SECRET, "pull_request", "t-10", mergedPullRequest()).expect(200);
        assertThat(other.text("/alreadyRecorded/0")).isEqualTo("github:pr:186853002:2");
        assertThat(events.rows("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE ? AND aggregateIdentifier LIKE ?",
                "%ContributionRecorded", "%/" + c + "/%")).isEqualTo(6);
    }

    // ---- settings -----------------------------------------------------------------------------------

    @Test
    void settingsShowWhetherASecretIsSetButNeverTheSecret() {
        Reply github = platform.get("/communities/" + c + "/webhooks/github/settings").expect(200);
        assertThat(github.at("/secretSet").asBoolean()).isTrue();
        assertThat(github.body()).doesNotContain(SECRET);
        assertThat(github.text("/kinds/pull_request.merged/category")).isEqualTo("code");
        assertThat(github.at("/kinds/sponsorship.created/value").isNull()).isTrue();

        String other = unique("hooks");
        Community fresh = admin.createCommunity(Map.of("id", other, "name", "Fresh", "categories", CATEGORIES));
        assertThat(fresh.client().get("/communities/" + other + "/webhooks/slack/settings").expect(200).at("/secretSet").asBoolean())
                .isFalse();

        // Stored encrypted (each under its own nonce), and no event: secrets are configuration, kept out of exports.
        List<String> stored = events.column("SELECT secret_encrypted FROM webhook_settings WHERE community_id = ?", c);
        assertThat(stored).hasSize(3).doesNotHaveDuplicates().allSatisfy(value -> assertThat(value).doesNotContain(SECRET));
        List<Long> before = events.fingerprint();
        platform.put("/communities/" + c + "/webhooks/github/settings", Map.of("secret", "another-webhook-secret")).expect(200);
        assertThat(events.fingerprint()).isEqualTo(before);
        deliveries.github(SECRET, "ping", "p-1", Map.of("zen", "Design for failure.")).expectProblem(401,
                "webhook-signature-invalid");
        deliveries.github("another-webhook-secret", "ping", "p-2", Map.of("zen", "Design for failure.")).expect(202);
    }

    @Test
    void settingsAreTheCommunitysOwnAndChecked() {
        String path = "/communities/" + c + "/webhooks/github/settings";
        platform.put(path, Map.of("kinds", Map.of("pull_request.merged", Map.of("category", "gardening"))))
                .expectProblem(422, "unknown-category");
        platform.put(path, Map.of("kinds", Map.of("pull_request.merged", Map.of("value", 5000))))
                .expectProblem(422, "value-out-of-range");
        platform.put(path, Map.of("kinds", Map.of("push", Map.of("enabled", true)))).expectProblem(400, "invalid-request");
        platform.put(path, Map.of("secret", "short")).expectProblem(400, "invalid-request");
        platform.put("/communities/" + c + "/webhooks/gitlab/settings", Map.of("secret", SECRET)).expectProblem(404, "not-found");
        // A kind turned off may name a category the community lacks: it records nothing.
        platform.put(path, Map.of("kinds", Map.of("pull_request.merged", Map.of("enabled", false, "category", "gardening"))))
                .expect(200);

        String other = unique("hooks");
        Community stranger = admin.createCommunity(Map.of("id", other, "name", "Other", "categories", CATEGORIES));
        stranger.client().put(path, Map.of("secret", SECRET)).expectProblem(403, "forbidden");
        platform.withKey(null).get(path).expectProblem(401, "unauthorized");
    }

    @Test
    void aCategoryDroppedSinceTheSettingsRefusesTheDeliveryAndRecordsNothing() {
        admin.put("/communities/" + c + "/settings", Map.of("categories", List.of("help", "review"))).expect(200);
        List<Long> before = events.fingerprint();
        deliveries.github(SECRET, "pull_request", "d-1", mergedPullRequest()).expectProblem(422, "unknown-category");
        assertThat(events.fingerprint()).isEqualTo(before);
    }

    // ---- a platform's act is the platform's ----------------------------------------------------------

    @Test
    void clientsCannotRecordAsThePlatformNorRevokeItsActs() {
        platform.registerMember(c, "ada", "Ada").expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);
        Act act = Act.of("act-1", "ada", "bob");
        act.put("recordedBy", "PLATFORM");
        platform.record(c, act).expectProblem(422, "recorded-by-platform-only-through-webhooks");
        platform.recordBatch(c, List.of(act)).expect(200);
        platform.contribution(c, "act-1").expect(404);

        deliveries.github(SECRET, "pull_request", "d-1", mergedPullRequest()).expect(200);
        platform.revoke(c, "github:pr:186853002:2", "github:Codertocat", "not mine")
                .expectProblem(422, "platform-act-changed-only-by-its-platform");
        assertThat(platform.contribution(c, "github:pr:186853002:2").text("/status")).isEqualTo("CONFIRMED");
    }

    // ---- one person across platforms ----------------------------------------------------------------

    @Test
    void onePersonAcrossPlatformsByALinkedIdentityOrByAMerge() {
        deliveries.github(SECRET, "pull_request", "d-one", mergedPullRequest()).expect(200);
        // Linked before the platform ever sent them: the Slack user is Codertocat from the first act.
        platform.put("/communities/" + c + "/members/github:Codertocat/identities/slack/U0LINKED",
                Map.of("login", "U0LINKED")).expect(201);
        Reply linked = deliveries.slack(SECRET, Instant.now(),
                WebhookDeliveries.slackReaction("reaction_added", "Ev-l", "U0LINKED", "U0G9QF9C6", "1360782400.000001", "tada"))
                .expect(200);
        expectAct(platform.contribution(c, linked.text("/recorded/0")).expect(200),
                "github:Codertocat", "slack:U0G9QF9C6", "endorsement", 1);

        // Seen first as a Slack member of their own, then merged: what they do afterwards is Codertocat's.
        Reply before = deliveries.slack(SECRET, Instant.now(),
                WebhookDeliveries.slackReaction("reaction_added", "Ev-m1", "U024BE7LH", "U0G9QF9C6", "1360782400.000002", "tada"))
                .expect(200);
        expectAct(platform.contribution(c, before.text("/recorded/0")).expect(200),
                "slack:U024BE7LH", "slack:U0G9QF9C6", "endorsement", 1);
        platform.post("/communities/" + c + "/members/github:Codertocat/merge", Map.of("mergedMemberId", "slack:U024BE7LH"))
                .expect(200);
        Reply after = deliveries.slack(SECRET, Instant.now(),
                WebhookDeliveries.slackReaction("reaction_added", "Ev-m2", "U024BE7LH", "U0G9QF9C6", "1360782400.000003", "tada"))
                .expect(200);
        expectAct(platform.contribution(c, after.text("/recorded/0")).expect(200),
                "github:Codertocat", "slack:U0G9QF9C6", "endorsement", 1);

        // One member: the pull request, the linked reaction, the merged member's and the one after.
        assertThat(platform.reciprocity(c, "github:Codertocat").expect(200).at("/given/count").asInt()).isEqualTo(4);
    }

    private static void expectAct(Reply act, String giver, String receiver, String category, int value) {
        assertThat(act.text("/giver")).isEqualTo(giver);
        assertThat(act.text("/receiver")).isEqualTo(receiver);
        assertThat(act.text("/category")).isEqualTo(category);
        assertThat(act.at("/value").decimalValue()).isEqualByComparingTo(Integer.toString(value));
        assertThat(act.text("/status")).isEqualTo("CONFIRMED");
        assertThat(act.text("/recordedBy")).isEqualTo("PLATFORM");
    }

    private static Reply expectUnsigned(Reply reply) {
        return reply.expectProblem(401, "webhook-signature-invalid");
    }
}
