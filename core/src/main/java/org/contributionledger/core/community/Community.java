package org.contributionledger.core.community;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.contributionledger.core.common.Ids;

/** A tenant of the ledger: one platform space, its categories and its rules. */
public class Community {

    @AggregateIdentifier
    private String aggregateId;
    private boolean created;
    /** Every key the community was ever issued, by id: true while it may act, false once revoked. */
    private final Map<String, Boolean> apiKeyActive = new LinkedHashMap<>();
    private CommunitySettings settings;

    /**
     * Creation is "create if missing" so that a second creation with the same id reaches this
     * handler and is refused by name, instead of failing deep in the event store.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateCommunity command) {
        if (created) {
            throw new CommunityAlreadyExists(command.communityId());
        }
        CommunitySettingsLimits.check(command.settings());
        apply(new CommunityCreated(command.communityId(), command.name(), command.settings()));
        apply(new CommunityApiKeyIssued(command.communityId(), command.apiKeyId(), command.apiKeySha256()));
    }

    /** A key id already issued is the same request again: nothing new to record. */
    @CommandHandler
    public void handle(IssueCommunityApiKey command) {
        if (apiKeyActive.containsKey(command.apiKeyId())) {
            return;
        }
        apply(new CommunityApiKeyIssued(command.communityId(), command.apiKeyId(), command.apiKeySha256()));
        if (command.revokePrevious()) {
            apiKeyActive.entrySet().stream()
                    .filter(key -> key.getValue() && !key.getKey().equals(command.apiKeyId()))
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(previous -> apply(new CommunityApiKeyRevoked(command.communityId(), previous)));
        }
    }

    @CommandHandler
    public void handle(RevokeCommunityApiKey command) {
        Boolean active = apiKeyActive.get(command.apiKeyId());
        if (active == null) {
            throw new UnknownApiKey(command.communityId(), command.apiKeyId());
        }
        if (active) {
            apply(new CommunityApiKeyRevoked(command.communityId(), command.apiKeyId()));
        }
    }

    /** The same settings again change nothing and record nothing, like every repeated command. */
    @CommandHandler
    public void handle(ChangeCommunitySettings command) {
        CommunitySettingsLimits.check(command.settings());
        if (!command.settings().equals(settings)) {
            apply(new CommunitySettingsChanged(command.communityId(), command.settings()));
        }
    }

    @EventSourcingHandler
    public void on(CommunityCreated event) {
        this.aggregateId = aggregateId(event.communityId());
        this.created = true;
        this.settings = event.settings();
    }

    @EventSourcingHandler
    public void on(CommunitySettingsChanged event) {
        this.settings = event.settings();
    }

    @EventSourcingHandler
    public void on(CommunityApiKeyIssued event) {
        apiKeyActive.put(event.apiKeyId(), true);
    }

    @EventSourcingHandler
    public void on(CommunityApiKeyRevoked event) {
        apiKeyActive.put(event.apiKeyId(), false);
    }

    public static String aggregateId(String communityId) {
        return Ids.aggregateId("community", communityId);
    }

    /** Axon rebuilds the aggregate from its events through this constructor. */
    public Community() {
    }
}
