package org.contributionledger.api.webhook;

import java.math.BigDecimal;
import java.time.Instant;

import org.contributionledger.api.identity.PlatformIdentity;

/** What one delivery means to the ledger, read from the platform's payload before any member is resolved. */
sealed interface PlatformEvent {

    /**
     * An act happened on the platform.
     *
     * @param receiver       null when the payload does not name the counterpart and no earlier delivery did
     * @param whyNoReceiver  what is missing, when {@code receiver} is null
     * @param occurredAt     null when the payload carries no time for it (the delivery's arrival stands in)
     * @param amount         the value the payload carries (a sponsorship's price); null for the kind's value
     */
    record Act(String kind, String contributionId, PlatformIdentity giver, PlatformIdentity receiver,
               String whyNoReceiver, Instant occurredAt, String description, String evidenceUrl,
               BigDecimal amount) implements PlatformEvent {
    }

    /** The platform took back what an earlier delivery added (a reaction removed, a solution un-accepted). */
    record Withdrawal(String contributionId, String reason) implements PlatformEvent {
    }

    /** A topic's first post: no act, but its author is the counterpart of a later accepted solution. */
    record TopicStarted(String topicId, PlatformIdentity author) implements PlatformEvent {
    }

    /** Nothing the ledger records; {@code reason} says why. */
    record Ignored(String reason) implements PlatformEvent {
    }
}
