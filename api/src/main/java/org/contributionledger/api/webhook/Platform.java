package org.contributionledger.api.webhook;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The community platforms whose webhooks the ledger reads, each with the kinds of events it turns
 * into acts and their defaults (README, "Platform webhooks"). A kind that takes an act back (a
 * reaction removed, a solution un-accepted) is no setting of its own: it always withdraws what the
 * kind that added it recorded, even after that kind was turned off.
 */
public enum Platform {

    /** GitHub's kinds are defined with their mapping, one row each: see {@link GitHubEvents}. */
    GITHUB("github", GitHubEvents.kinds()),
    DISCOURSE("discourse", List.of(
            new EventKind("post_liked", "endorsement", BigDecimal.ONE,
                    "a post liked: the liker gave to the post's author"),
            new EventKind("accepted_solution", "advice", BigDecimal.ONE,
                    "a solution accepted: its author gave to the topic's author (unaccepted_solution withdraws it)"))),
    SLACK("slack", List.of(
            new EventKind("reaction_added", "endorsement", BigDecimal.ONE,
                    "a reaction added to a message: the reactor gave to the message's author (reaction_removed withdraws it)")));

    private final String pathName;
    private final List<EventKind> kinds;

    Platform(String pathName, List<EventKind> kinds) {
        this.pathName = pathName;
        this.kinds = kinds;
    }

    /** As the webhook's path and the member ids spell it: {@code github}, {@code discourse}, {@code slack}. */
    public String pathName() {
        return pathName;
    }

    public List<EventKind> kinds() {
        return kinds;
    }

    public Optional<EventKind> kind(String name) {
        return kinds.stream().filter(kind -> kind.name().equals(name)).findFirst();
    }

    public static Optional<Platform> named(String pathName) {
        return Arrays.stream(values()).filter(platform -> platform.pathName.equals(pathName)).findFirst();
    }

    /**
     * One kind of platform event that becomes an act.
     *
     * @param defaultValue null where the payload carries the value (a sponsorship's monthly price)
     */
    public record EventKind(String name, String defaultCategory, BigDecimal defaultValue, String description) {
    }
}
