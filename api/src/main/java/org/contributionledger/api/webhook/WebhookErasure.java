package org.contributionledger.api.webhook;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.contributionledger.core.member.MemberErased;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.directory.FindMemberIdentities;
import org.contributionledger.query.directory.LinkedIdentity;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Erasure reaches the webhook tables, which are outside the event log (docs/audit.md, "Erasure"):
 * for each platform user linked to the erased member, the topics they started
 * ({@code webhook_topic_author}, user id and login) are forgotten, and the stored answers of past
 * deliveries ({@code webhook_delivery}) name them by user id only, no longer by login. The platforms'
 * user ids stay, as member ids do: they are the platforms' pseudonymous ids, and the ledger's own
 * tables keep them (the member's linked identities).
 * <p>
 * In the "directory" processing group, which is subscribing: this runs in the erasure's own
 * transaction, so the erasure and this clean-up commit together or not at all. It reads the
 * member's identities by user id, which the directory keeps after the erasure (only the logins go),
 * so the order of the group's handlers does not matter.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class WebhookErasure {

    private final DirectoryProjection directory;
    private final PlatformMemory memory;
    private final DeliveryLog deliveries;
    private final ObjectMapper json;

    public WebhookErasure(DirectoryProjection directory, PlatformMemory memory, DeliveryLog deliveries,
                          ObjectMapper json) {
        this.directory = directory;
        this.memory = memory;
        this.deliveries = deliveries;
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @EventHandler
    public void on(MemberErased event) {
        String communityId = event.communityId();
        for (LinkedIdentity identity : directory.handle(new FindMemberIdentities(communityId, event.memberId())).items()) {
            Platform platform = Platform.named(identity.platform()).orElse(null);
            if (platform == null) {
                // Linked by hand for a platform that sends no webhooks: nothing of theirs is in these tables.
                continue;
            }
            memory.forgetTopicAuthor(communityId, platform, identity.platformUserId());
            String userId = identity.platformUserId();
            for (DeliveryLog.Entry entry : deliveries.answersContaining(communityId, platform, " (" + userId + ")")) {
                WebhookAnswer answer = read(entry.answerJson());
                WebhookAnswer scrubbed = answer.withoutLoginOf(platform.pathName(), userId);
                if (!scrubbed.equals(answer)) {
                    deliveries.replaceAnswer(communityId, platform, entry.deliveryId(), write(scrubbed));
                }
            }
        }
    }

    private WebhookAnswer read(String stored) {
        try {
            return json.readValue(stored, WebhookAnswer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook_delivery.answer_json is not the JSON WebhookIntake writes", e);
        }
    }

    private String write(WebhookAnswer answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
