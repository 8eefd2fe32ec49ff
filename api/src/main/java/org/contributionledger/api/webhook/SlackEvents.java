package org.contributionledger.api.webhook;

import org.contributionledger.api.identity.PlatformIdentity;

/**
 * Slack's Events API callbacks ({@code event_callback}) as acts. Slack names users by their user id
 * only; that id is both the stable id and the login of the identity.
 */
final class SlackEvents {

    private SlackEvents() {
    }

    static PlatformEvent read(Payload body) {
        if (!"event_callback".equals(body.optionalText("/type"))) {
            return new PlatformEvent.Ignored("Slack request type '" + body.optionalText("/type") + "' maps to no act");
        }
        String type = body.optionalText("/event/type");
        if (!"reaction_added".equals(type) && !"reaction_removed".equals(type)) {
            return new PlatformEvent.Ignored("Slack event '" + type + "' maps to no act");
        }
        if (!"message".equals(body.optionalText("/event/item/type"))) {
            return new PlatformEvent.Ignored("a reaction to a " + body.optionalText("/event/item/type")
                    + ", not a message: no one to give to");
        }
        String reactor = body.text("/event/user");
        String contributionId = Payload.actId("slack:reaction", body.text("/event/item/channel"),
                body.text("/event/item/ts"), reactor, body.text("/event/reaction"));
        if ("reaction_removed".equals(type)) {
            return new PlatformEvent.Withdrawal(contributionId, "Slack: the reaction was removed");
        }
        String author = body.optionalText("/event/item_user");
        return new PlatformEvent.Act("reaction_added", contributionId, user(reactor),
                author == null || author.isBlank() ? null : user(author),
                "the message's author (item_user) is not in the payload",
                body.epochSeconds("/event/event_ts"),
                Payload.describe("Reacted :" + body.text("/event/reaction") + ": to a message"), null, null);
    }

    private static PlatformIdentity user(String userId) {
        return new PlatformIdentity(Platform.SLACK.pathName(), userId, userId);
    }
}
