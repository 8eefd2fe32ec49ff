package org.contributionledger.api.webhook;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.LedgerCommands;
import org.contributionledger.api.Provenance;
import org.contributionledger.api.identity.PlatformIdentities;
import org.contributionledger.api.identity.PlatformIdentity;
import org.contributionledger.api.write.CommunityWriteGate;
import org.contributionledger.core.common.CommunityRules;
import org.contributionledger.core.common.InvalidField;
import org.contributionledger.core.common.LedgerDirectory;
import org.contributionledger.core.common.MemberNotActive;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.Recording;
import org.contributionledger.core.common.UnknownMember;
import org.contributionledger.core.contribution.ContributionIdConflict;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordContribution;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.contribution.ReverseContribution;
import org.contributionledger.query.directory.FindMemberInForce;
import org.contributionledger.query.directory.MemberInForce;
import org.contributionledger.query.statement.FindContribution;
import org.contributionledger.query.statement.StatementEntry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * From a platform's delivery to recorded acts: the signature over the raw body first (nothing is
 * read before it verifies), then the delivery id (a redelivery gets its first answer and records
 * nothing), then the payload's meaning, the members it names, and the acts, all in one transaction
 * with the delivery's entry in the log, taken as the community's writer.
 * <p>
 * Exactly once rests on two things. The delivery log answers a retry of the same delivery. And every
 * act's id is named after the platform object (the pull request, the reaction), never the delivery,
 * so two deliveries about one object (a retry with a new id, an event sent twice) record it once,
 * and the delivery that removes it finds it.
 */
@Component
public class WebhookIntake {

    /** Longest contribution id ({@code Ids.PATTERN}). */
    private static final int MAX_ID_LENGTH = 128;

    /** A delivery that is not JSON: the platform's webhook is set to another content type. */
    private static final String NOT_JSON = "The delivery's body is not a JSON object: set the webhook's content type"
            + " to application/json";

    private final CommunityWebhooks webhooks;
    private final DeliveryLog deliveries;
    private final PlatformMemory memory;
    private final PlatformIdentities identities;
    private final LedgerCommands commands;
    private final LedgerDirectory directory;
    private final QueryGateway queries;
    private final CommunityWriteGate writes;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    public WebhookIntake(CommunityWebhooks webhooks, DeliveryLog deliveries, PlatformMemory memory,
                         PlatformIdentities identities, LedgerCommands commands, LedgerDirectory directory,
                         QueryGateway queries, CommunityWriteGate writes, TransactionTemplate transaction,
                         ObjectMapper json) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.memory = memory;
        this.identities = identities;
        this.commands = commands;
        this.directory = directory;
        this.queries = queries;
        this.writes = writes;
        this.transaction = transaction;
        // Platforms add fields to their payloads all the time: read what is there, strictly as JSON only.
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * One delivery as it arrived.
     *
     * @param headers the request's headers, names in lower case
     * @param body    the raw body, exactly the bytes the platform signed
     */
    public record Delivery(Platform platform, String communityId, Map<String, String> headers, byte[] body,
                           Provenance provenance) {

        String header(String name) {
            return headers.get(name);
        }
    }

    public WebhookAnswer deliver(Delivery delivery) {
        verify(delivery);
        JsonNode root = parse(delivery.body());
        Payload body = new Payload(root);
        if (delivery.platform() == Platform.SLACK && "url_verification".equals(body.optionalText("/type"))) {
            // Slack's handshake when the Request URL is entered: answer the challenge, record nothing.
            return WebhookAnswer.verified(body.text("/challenge"));
        }
        String deliveryId = deliveryId(delivery, body);
        String communityId = delivery.communityId();
        return LedgerCommands.actingFor(delivery.provenance(), () -> writes.write(communityId,
                () -> transaction.execute(status -> {
                    Optional<DeliveryLog.Answered> earlier = deliveries.find(communityId, delivery.platform(), deliveryId);
                    if (earlier.isPresent()) {
                        return read(earlier.get().answerJson());
                    }
                    WebhookAnswer answer = apply(delivery, event(delivery, body));
                    deliveries.add(communityId, delivery.platform(), deliveryId,
                            new DeliveryLog.Answered(answer.httpStatus(), write(answer)),
                            delivery.provenance().receivedAt());
                    return answer;
                })));
    }

    /** 401 for any delivery not signed with the community's secret; an unknown community has no secret. */
    private void verify(Delivery delivery) {
        Platform platform = delivery.platform();
        if (platform == Platform.SLACK) {
            // Before the secret is looked up, so an old request is refused alike for every community.
            String problem = Signatures.slackTimestampProblem(delivery.header("x-slack-request-timestamp"),
                    delivery.provenance().receivedAt());
            if (problem != null) {
                throw new WebhookSignatureInvalid(problem);
            }
        }
        Optional<byte[]> secret = webhooks.secret(delivery.communityId(), platform);
        boolean signed = secret.isPresent() && switch (platform) {
            case GITHUB -> Signatures.bodySignedWith(secret.get(), delivery.body(), delivery.header("x-hub-signature-256"));
            case DISCOURSE -> Signatures.bodySignedWith(secret.get(), delivery.body(),
                    delivery.header("x-discourse-event-signature"));
            case SLACK -> Signatures.slackSignedWith(secret.get(), delivery.header("x-slack-request-timestamp"),
                    delivery.body(), delivery.header("x-slack-signature"));
        };
        if (!signed) {
            throw new WebhookSignatureInvalid("The delivery is not signed with this community's " + platform.pathName()
                    + " secret (or no such secret is set)");
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new InvalidField("body", NOT_JSON);
            }
            return root;
        } catch (IOException e) {
            throw new InvalidField("body", NOT_JSON);
        }
    }

    /** GitHub and Discourse name the delivery in a header, Slack in the body ({@code event_id}). */
    private static String deliveryId(Delivery delivery, Payload body) {
        String header = switch (delivery.platform()) {
            case GITHUB -> "X-GitHub-Delivery";
            case DISCOURSE -> "X-Discourse-Event-Id";
            case SLACK -> null;
        };
        String id = header == null ? body.optionalText("/event_id") : delivery.header(header.toLowerCase());
        String field = header == null ? "event_id" : header;
        if (id == null || id.isBlank() || id.length() > 200 || id.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidField(field, field + " must name the delivery (1 to 200 characters): it makes a redelivery"
                    + " record nothing");
        }
        return id.strip();
    }

    private PlatformEvent event(Delivery delivery, Payload body) {
        return switch (delivery.platform()) {
            case GITHUB -> GitHubEvents.read(requiredHeader(delivery, "X-GitHub-Event"), body);
            case DISCOURSE -> DiscourseEvents.read(requiredHeader(delivery, "X-Discourse-Event"), body,
                    delivery.header("x-discourse-instance"),
                    topic -> memory.topicAuthor(delivery.communityId(), Platform.DISCOURSE, topic));
            case SLACK -> SlackEvents.read(body);
        };
    }

    private static String requiredHeader(Delivery delivery, String name) {
        String value = delivery.header(name.toLowerCase());
        if (value == null || value.isBlank()) {
            throw new InvalidField(name, name + " is required: it names the kind of event");
        }
        return value.strip();
    }

    private WebhookAnswer apply(Delivery delivery, PlatformEvent event) {
        if (event instanceof PlatformEvent.Act act) {
            return record(delivery, act);
        }
        if (event instanceof PlatformEvent.Withdrawal withdrawal) {
            return withdraw(delivery, withdrawal);
        }
        if (event instanceof PlatformEvent.TopicStarted topic) {
            if (isLinkedToErasedMember(delivery.communityId(), topic.author())) {
                return WebhookAnswer.ignored("a new topic is no act; its author is an erased member's "
                        + WebhookAnswer.erasedUser(topic.author().platform(), topic.author().userId())
                        + ", not remembered");
            }
            memory.topicAuthor(delivery.communityId(), Platform.DISCOURSE, topic.topicId(), topic.author());
            return WebhookAnswer.ignored("a new topic is no act; its author is remembered for the topic's"
                    + " accepted solution");
        }
        return WebhookAnswer.ignored(((PlatformEvent.Ignored) event).reason());
    }

    private WebhookAnswer record(Delivery delivery, PlatformEvent.Act act) {
        String communityId = delivery.communityId();
        KindSetting setting = webhooks.kinds(communityId, delivery.platform()).get(act.kind());
        if (!Boolean.TRUE.equals(setting.enabled())) {
            return WebhookAnswer.ignored("'" + act.kind() + "' is turned off for this community");
        }
        if (act.receiver() != null && act.giver().userId().equals(act.receiver().userId())) {
            // Named by user id alone: the user may be an erased member's, whose login no answer may keep.
            return WebhookAnswer.ignored("'" + act.kind() + "' by " + act.giver().platform() + " user "
                    + act.giver().userId() + " to themselves: no act");
        }
        // The delivery may name a category the community dropped after the settings were saved.
        CommunityRules rules = directory.findCommunity(communityId).orElseThrow();
        CommunityWebhooks.requireRecordable(communityId, rules, setting);
        if (act.receiver() == null) {
            return processed(List.of(), List.of(), List.of(), List.of(
                    new WebhookAnswer.Unresolved(act.contributionId(), act.whyNoReceiver())));
        }
        if (memory.wasWithdrawnBeforeRecorded(communityId, act.contributionId())) {
            // Before its users are resolved: an act never in force registers no one.
            return processed(List.of(), List.of(), List.of(), List.of(new WebhookAnswer.Unresolved(act.contributionId(),
                    "the platform withdrew it before this delivery added it: no act in force")));
        }
        Resolved giver = member(communityId, act.giver());
        Resolved receiver = member(communityId, act.receiver());
        if (giver.memberId() == null || receiver.memberId() == null) {
            return processed(List.of(), List.of(), List.of(), List.of(new WebhookAnswer.Unresolved(act.contributionId(),
                    giver.memberId() == null ? giver.whyNot() : receiver.whyNot())));
        }
        if (giver.memberId().equals(receiver.memberId())) {
            return WebhookAnswer.ignored("'" + act.kind() + "': both sides are member " + giver.memberId() + ": no act");
        }
        BigDecimal value = setting.value() != null ? setting.value() : act.amount();
        // A reaction removed and added again is a new act in force: each addition after a withdrawal
        // is the object's next generation (id, id:2, id:3 ...), and a removal withdraws the latest.
        for (int generation = 1; ; generation++) {
            String id = generation(act.contributionId(), generation);
            if (memory.wasWithdrawnBeforeRecorded(communityId, id)) {
                return processed(List.of(), List.of(), List.of(), List.of(new WebhookAnswer.Unresolved(id,
                        "the platform withdrew it before this delivery added it: no act in force")));
            }
            RecordContribution command = new RecordContribution(communityId, id, giver.memberId(),
                    receiver.memberId(), setting.category(), value,
                    act.occurredAt() != null ? act.occurredAt() : delivery.provenance().receivedAt(), act.description(),
                    act.evidenceUrl(), RecordedBy.PLATFORM, delivery.provenance().receivedAt());
            try {
                Recording recording = commands.send(command);
                if (!recording.alreadyRecorded()) {
                    return processed(List.of(id), List.of(), List.of(), List.of());
                }
                if (recording.answer() != ContributionStatus.REVERSED) {
                    return processed(List.of(), List.of(id), List.of(), List.of());
                }
                // Withdrawn before: this addition is the next generation.
            } catch (RuntimeException refused) {
                RuntimeException standing = firstOf(cause(refused, MemberNotActive.class),
                        cause(refused, MemberWasErased.class), cause(refused, UnknownMember.class));
                if (standing != null) {
                    // A suspended or erased member's activity on the platform: said, not retried by the platform.
                    return processed(List.of(), List.of(), List.of(), List.of(new WebhookAnswer.Unresolved(
                            id, standing.getMessage())));
                }
                ContributionIdConflict conflict = cause(refused, ContributionIdConflict.class);
                if (conflict == null) {
                    throw refused;
                }
                // The id names the platform object: this is the same act told again with other details (a
                // time the payload does not carry, settings changed since). The first recording stands,
                // unless it was withdrawn: then this addition is the next generation.
                if (!isWithdrawn(communityId, id)) {
                    return processed(List.of(), List.of(id), List.of(), List.of());
                }
            }
        }
    }

    /** The object's act of the given generation: its own id first, then {@code id:2}, {@code id:3} ... */
    static String generation(String contributionId, int generation) {
        if (generation == 1) {
            return contributionId;
        }
        String suffix = ":" + generation;
        int room = MAX_ID_LENGTH - suffix.length();
        return (contributionId.length() > room ? contributionId.substring(0, room) : contributionId) + suffix;
    }

    private boolean isWithdrawn(String communityId, String contributionId) {
        return queries.query(new FindContribution(communityId, contributionId),
                        ResponseTypes.optionalInstanceOf(StatementEntry.class)).join()
                .map(entry -> ContributionStatus.REVERSED.name().equals(entry.status())).orElse(false);
    }

    /**
     * Withdrawal is the administrator's reversal, not a revocation: {@code RevokeContribution} moves
     * only a pending or disputed act and is its recorder's (a member's), while a platform's act is
     * confirmed on arrival and no member may take it back. Reversal is the one transition out of
     * {@code CONFIRMED}, and every view, fold and the reputation engine already take a reversed act
     * out of every figure. The platform's signed delivery stands in for the administrator here.
     */
    private WebhookAnswer withdraw(Delivery delivery, PlatformEvent.Withdrawal withdrawal) {
        String communityId = delivery.communityId();
        String id;
        Optional<StatementEntry> act;
        // The latest generation: the first not yet withdrawn, or the next one if every one was.
        for (int generation = 1; ; generation++) {
            id = generation(withdrawal.contributionId(), generation);
            act = queries.query(new FindContribution(communityId, id),
                    ResponseTypes.optionalInstanceOf(StatementEntry.class)).join();
            if (act.isEmpty() || !ContributionStatus.REVERSED.name().equals(act.get().status())) {
                break;
            }
        }
        if (act.isEmpty()) {
            memory.withdrawnBeforeRecorded(communityId, id, delivery.provenance().receivedAt());
            return processed(List.of(), List.of(), List.of(id), List.of());
        }
        if (!RecordedBy.PLATFORM.name().equals(act.get().recordedBy())) {
            return processed(List.of(), List.of(), List.of(), List.of(new WebhookAnswer.Unresolved(id,
                    "act " + id + " was recorded by a member, not by the platform: left as it is")));
        }
        commands.send(new ReverseContribution(communityId, id, withdrawal.reason()));
        return processed(List.of(), List.of(), List.of(id), List.of());
    }

    private static RuntimeException firstOf(RuntimeException... candidates) {
        for (RuntimeException candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** A platform user's member, or why there is none (never a guess). */
    private record Resolved(String memberId, String whyNot) {
    }

    private Resolved member(String communityId, PlatformIdentity identity) {
        String who = WebhookAnswer.user(identity);
        try {
            Optional<String> member = identities.memberFor(communityId, identity);
            if (member.isPresent()) {
                return new Resolved(member.get(), null);
            }
            if (isLinkedToErasedMember(communityId, identity)) {
                // Stored with the answer: the login of an erased member's user is not written again.
                return new Resolved(null, WebhookAnswer.erasedUser(identity.platform(), identity.userId())
                        + " is linked to an erased member: nothing of theirs is recorded");
            }
            return new Resolved(null, who + " resolves to no member: unknown while the community does not register"
                    + " unknown users (registerUnknownIdentities), or no member id is free for them ("
                    + identity.platform() + ":<login> and " + identity.platform() + ":<user id> erased or another user's)");
        } catch (IllegalArgumentException notAnId) {
            return new Resolved(null, who + " makes no member id: " + notAnId.getMessage());
        }
    }

    /** The user is linked to an erased member, or to one merged into an erased member. */
    private boolean isLinkedToErasedMember(String communityId, PlatformIdentity identity) {
        return queries.query(new FindMemberInForce(communityId, identity.platform(), identity.userId()),
                ResponseTypes.optionalInstanceOf(MemberInForce.class)).join().map(MemberInForce::erased).orElse(false);
    }

    private static WebhookAnswer processed(List<String> recorded, List<String> alreadyRecorded, List<String> withdrawn,
                                           List<WebhookAnswer.Unresolved> unresolved) {
        return new WebhookAnswer("processed", null, recorded, alreadyRecorded, withdrawn, unresolved, null);
    }

    private String write(WebhookAnswer answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private WebhookAnswer read(String stored) {
        try {
            return json.readValue(stored, WebhookAnswer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook_delivery.answer_json is not the JSON this class writes", e);
        }
    }
}
