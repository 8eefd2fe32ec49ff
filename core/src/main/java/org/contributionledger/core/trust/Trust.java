package org.contributionledger.core.trust;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.Objects;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.contributionledger.core.common.CommunityRules;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.LedgerDirectory;
import org.contributionledger.core.common.Participation;
import org.contributionledger.core.common.Recording;
import org.contributionledger.core.contribution.UnknownCategory;

/**
 * The trust one member places in another, for one category or for all. Only the latest
 * declaration is in force; earlier ones stay in the history.
 */
public class Trust {

    public static final int MIN_LEVEL = -10;
    public static final int MAX_LEVEL = 10;
    /** Category part of the aggregate id for trust that applies to every category. */
    private static final String ALL_CATEGORIES = "*";

    @AggregateIdentifier
    private String aggregateId;
    private boolean inForce;
    private int level;
    private String note;
    /** When the tie last changed (declared or withdrawn); an older declaration cannot override it. */
    private Instant changedAt;

    /**
     * A declaration equal to the one in force changes nothing, so it records nothing (PUT is idempotent).
     * Nor does one dated before the tie last changed: "latest" means latest by {@code declaredAt}, so
     * replaying an imported history, or a late delivery, never rolls a tie back to an older state.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recording handle(DeclareTrust command, LedgerDirectory directory) {
        if (command.truster().equals(command.trustee())) {
            throw new SelfTrustNotAllowed(command.truster());
        }
        if (command.level() < MIN_LEVEL || command.level() > MAX_LEVEL) {
            throw new TrustLevelOutOfRange(command.level());
        }
        CommunityRules rules = Participation.requireCommunity(directory, command.communityId());
        if (command.category() != null && !rules.categories().contains(command.category())) {
            throw new UnknownCategory(command.communityId(), command.category());
        }
        Participation.requireNotInFuture("declaredAt", command.declaredAt(), command.receivedAt());
        Participation.requireActiveMember(directory, command.communityId(), command.truster());
        Participation.requireActiveMember(directory, command.communityId(), command.trustee());
        if (inForce && level == command.level() && Objects.equals(note, command.note())) {
            return Recording.alreadyRecorded(null);
        }
        if (changedAt != null && command.declaredAt().isBefore(changedAt)) {
            // Not a retry of what is in force, so not "already recorded": superseded by a later change.
            return Recording.recordedNow(null);
        }
        // A declaration cannot be dated after the ledger heard of it: clock skew is tolerated, not recorded.
        Instant declaredAt = command.declaredAt().isAfter(command.receivedAt()) ? command.receivedAt()
                : command.declaredAt();
        apply(new TrustDeclared(command.communityId(), command.truster(), command.trustee(), command.category(),
                command.level(), command.note(), declaredAt));
        return Recording.recordedNow(null);
    }

    /**
     * Withdrawing trust that is not in force (or was never declared) leaves nothing to withdraw:
     * DELETE is idempotent. A withdrawal naming a community, member or category the ledger does not
     * know is refused as a declaration would be, so that a typo is reported rather than answered
     * "done". Suspended members may still have their trust withdrawn.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(WithdrawTrust command, LedgerDirectory directory) {
        Participation.requireNotErasedOrMerged(directory, command.communityId(), command.truster());
        CommunityRules rules = Participation.requireCommunity(directory, command.communityId());
        if (command.category() != null && !rules.categories().contains(command.category())) {
            throw new UnknownCategory(command.communityId(), command.category());
        }
        Participation.requireMember(directory, command.communityId(), command.truster());
        Participation.requireMember(directory, command.communityId(), command.trustee());
        Participation.requireNotMerged(directory, command.communityId(), command.trustee());
        if (inForce) {
            apply(new TrustWithdrawn(command.communityId(), command.truster(), command.trustee(), command.category(),
                    level, command.receivedAt()));
        }
    }

    @EventSourcingHandler
    public void on(TrustDeclared event) {
        this.aggregateId = aggregateId(event.communityId(), event.truster(), event.trustee(), event.category());
        this.inForce = true;
        this.level = event.level();
        this.note = event.note();
        this.changedAt = event.declaredAt();
    }

    @EventSourcingHandler
    public void on(TrustWithdrawn event) {
        this.inForce = false;
        this.changedAt = event.withdrawnAt();
    }

    public static String aggregateId(String communityId, String truster, String trustee, String category) {
        return Ids.aggregateId("trust", communityId, truster, trustee, category == null ? ALL_CATEGORIES : category);
    }

    /** Axon rebuilds the aggregate from its events through this constructor. */
    public Trust() {
    }
}
