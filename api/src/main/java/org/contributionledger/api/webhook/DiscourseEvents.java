package org.contributionledger.api.webhook;

import java.util.Optional;
import java.util.function.Function;

import org.contributionledger.api.identity.PlatformIdentity;

/**
 * Discourse's webhook events ({@code X-Discourse-Event}) as acts. Discourse's payloads carry no
 * time for a like or an accepted solution: the delivery's arrival stands in for it.
 */
final class DiscourseEvents {

    private static final Platform DISCOURSE = Platform.DISCOURSE;

    private DiscourseEvents() {
    }

    /**
     * @param instance    {@code X-Discourse-Instance}, the forum's base URL, for links to posts
     * @param topicAuthor the author of a topic as an earlier {@code post_created} of its first post told
     */
    static PlatformEvent read(String event, Payload body, String instance,
                              Function<String, Optional<PlatformIdentity>> topicAuthor) {
        return switch (event) {
            case "post_created" -> postCreated(body);
            case "post_liked" -> postLiked(body, instance);
            case "accepted_solution" -> acceptedSolution(body, instance, topicAuthor);
            case "unaccepted_solution" -> new PlatformEvent.Withdrawal(solutionId(body),
                    "Discourse: the solution was un-accepted");
            default -> new PlatformEvent.Ignored("Discourse event '" + event + "' maps to no act");
        };
    }

    private static PlatformEvent postCreated(Payload body) {
        if (body.wholeNumber("/post/post_number") != 1) {
            return new PlatformEvent.Ignored("a reply is no act");
        }
        return new PlatformEvent.TopicStarted(body.bounded("/post/topic_id", 64),
                body.user(DISCOURSE, "/post", "user_id", "username"));
    }

    /** The liker gave an endorsement to the post's author. */
    private static PlatformEvent postLiked(Payload body, String instance) {
        PlatformIdentity liker = body.user(DISCOURSE, "/like/user", "id", "username");
        return new PlatformEvent.Act("post_liked",
                Payload.actId("discourse:like", body.text("/like/post/id"), liker.userId()),
                liker, body.user(DISCOURSE, "/like/post", "user_id", "username"), null, null,
                Payload.describe("Liked a post in \"" + body.text("/like/post/topic_title") + "\""),
                postUrl(instance, body.optionalText("/like/post/post_url")), null);
    }

    /**
     * The solution's author gave advice to the topic's author. The payload is the accepted post,
     * which names its own author but not the topic's: that one comes from the {@code post_created}
     * of the topic's first post, and when the ledger never saw it, the act is left unresolved.
     */
    private static PlatformEvent acceptedSolution(Payload body, String instance,
                                                  Function<String, Optional<PlatformIdentity>> topicAuthor) {
        String topicId = body.text("/post/topic_id");
        Optional<PlatformIdentity> asker = topicAuthor.apply(topicId);
        return new PlatformEvent.Act("accepted_solution", solutionId(body),
                body.user(DISCOURSE, "/post", "user_id", "username"), asker.orElse(null),
                asker.isPresent() ? null : "the author of topic " + topicId + " is unknown: the ledger has not received"
                        + " the post_created of its first post (or the member of its author was erased since),"
                        + " and an accepted_solution does not name them",
                null, Payload.describe("Solution accepted in topic " + topicId),
                postUrl(instance, body.optionalText("/post/post_url")), null);
    }

    private static String solutionId(Payload body) {
        return Payload.actId("discourse:solution", body.text("/post/topic_id"), body.text("/post/id"));
    }

    private static String postUrl(String instance, String path) {
        return instance == null || path == null ? null : Payload.evidence(instance.replaceAll("/+$", "") + path);
    }
}
