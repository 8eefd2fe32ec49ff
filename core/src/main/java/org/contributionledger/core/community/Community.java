package org.contributionledger.core.community;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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

    public static String aggregateId(String communityId) {
        return Ids.aggregateId("community", communityId);
    }

    /** Axon rebuilds the aggregate from its events through this constructor. */
    public Community() {
    }
}
