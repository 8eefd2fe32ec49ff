package org.contributionledger.core.contribution;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.util.List;

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

/** One act of giving, from its recording to its final state. */
public class Contribution {

    /** Values are money-like amounts or hours; six decimals is finer than any platform measures. */
    public static final int MAX_VALUE_DECIMALS = 6;

    @AggregateIdentifier
    private String aggregateId;
    private String communityId;
    private String contributionId;
    private RecordContribution.Act act;
    private ContributionStatus status;

    /**
     * "Create if missing" lets a retry with a taken id reach the recorded act, so that the same act
     * again is a success that records nothing and a different one a conflict naming the differing
     * fields. Answers the act's status (for a retry: whatever it is now, e.g. CONFIRMED after a later
     * confirmation) and whether the act was recorded now or before.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recording handle(RecordContribution command, LedgerDirectory directory) {
        if (act != null) {
            List<String> differing = act.fieldsDifferingFrom(command.act());
            if (!differing.isEmpty()) {
                throw new ContributionIdConflict(command.contributionId(), differing);
            }
            return Recording.alreadyRecorded(status);
        }
        CommunityRules rules = Participation.requireCommunity(directory, command.communityId());
        if (command.giver().equals(command.receiver())) {
            throw new SelfContributionNotAllowed(command.giver());
        }
        if (!rules.categories().contains(command.category())) {
            throw new UnknownCategory(command.communityId(), command.category());
        }
        BigDecimal value = command.value();
        if (value.signum() <= 0 || value.compareTo(rules.maxValuePerAct()) > 0
                || value.stripTrailingZeros().scale() > MAX_VALUE_DECIMALS) {
            throw new ValueOutOfRange(value, rules.maxValuePerAct());
        }
        Participation.requireNotInFuture("occurredAt", command.occurredAt(), command.receivedAt());
        Participation.requireActiveMember(directory, command.communityId(), command.giver());
        Participation.requireActiveMember(directory, command.communityId(), command.receiver());

        boolean confirmedAtOnce = command.recordedBy() == RecordedBy.RECEIVER || !rules.confirmationRequired();
        ContributionStatus initial = confirmedAtOnce ? ContributionStatus.CONFIRMED : ContributionStatus.PENDING;
        apply(new ContributionRecorded(command.communityId(), command.contributionId(), command.giver(),
                command.receiver(), command.category(), value.stripTrailingZeros(), command.occurredAt(),
                command.description(), command.evidenceUrl(), command.recordedBy(), initial));
        return Recording.recordedNow(initial);
    }

    /** Confirming a confirmed act again is a retry and succeeds quietly; a revoked act stays revoked. */
    @CommandHandler
    public void handle(ConfirmContribution command) {
        if (!command.by().equals(act.receiver())) {
            throw new OnlyReceiverMayConfirm(contributionId, command.by());
        }
        if (status == ContributionStatus.CONFIRMED) {
            return;
        }
        requireNotFinal();
        apply(new ContributionConfirmed(communityId, contributionId, act.giver(), act.receiver(), act.category(),
                act.value(), act.occurredAt(), command.by()));
    }

    @CommandHandler
    public void handle(DisputeContribution command) {
        if (!command.by().equals(act.receiver())) {
            throw new OnlyReceiverMayDispute(contributionId, command.by());
        }
        if (status == ContributionStatus.DISPUTED) {
            return;
        }
        requireNotFinal();
        apply(new ContributionDisputed(communityId, contributionId, act.giver(), act.receiver(), act.category(),
                act.value(), act.occurredAt(), command.by(), command.reason()));
    }

    @CommandHandler
    public void handle(RevokeContribution command) {
        String recorder = act.recordedBy() == RecordedBy.GIVER ? act.giver() : act.receiver();
        if (!command.by().equals(recorder)) {
            throw new OnlyRecorderMayRevoke(contributionId, command.by());
        }
        if (status == ContributionStatus.REVOKED) {
            return;
        }
        requireNotFinal();
        apply(new ContributionRevoked(communityId, contributionId, act.giver(), act.receiver(), act.category(),
                act.value(), act.occurredAt(), command.by(), command.reason(), status));
    }

    private void requireNotFinal() {
        if (status.isFinal()) {
            throw new ContributionAlreadyFinal(contributionId, status);
        }
    }

    @EventSourcingHandler
    public void on(ContributionRecorded event) {
        this.aggregateId = aggregateId(event.communityId(), event.contributionId());
        this.communityId = event.communityId();
        this.contributionId = event.contributionId();
        this.act = new RecordContribution.Act(event.giver(), event.receiver(), event.category(), event.value(),
                event.occurredAt(), event.description(), event.evidenceUrl(), event.recordedBy());
        this.status = event.status();
    }

    @EventSourcingHandler
    public void on(ContributionConfirmed event) {
        this.status = ContributionStatus.CONFIRMED;
    }

    @EventSourcingHandler
    public void on(ContributionDisputed event) {
        this.status = ContributionStatus.DISPUTED;
    }

    @EventSourcingHandler
    public void on(ContributionRevoked event) {
        this.status = ContributionStatus.REVOKED;
    }

    public static String aggregateId(String communityId, String contributionId) {
        return Ids.aggregateId("contribution", communityId, contributionId);
    }

    /** Axon rebuilds the aggregate from its events through this constructor. */
    public Contribution() {
    }
}
