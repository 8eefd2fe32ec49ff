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
    /** The act's figures in force: as recorded, or as last corrected. */
    private String category;
    private BigDecimal value;
    private ContributionCorrectionProposed pendingCorrection;
    /** Who accepted the last correction: their retry of the acceptance succeeds quietly. */
    private String lastCorrectionAcceptedBy;

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
        ContributionRecorded recorded = decideNew(command, directory);
        apply(recorded);
        return Recording.recordedNow(recorded.status());
    }

    /**
     * Every rule of recording an act whose id is not taken yet, in the order they are checked: the
     * one decision both this aggregate and the batch path (which decides many new acts in memory
     * against lookup tables read once) make, so that both refuse the same act with the same named
     * exception. Returns the event to store; it stores nothing itself.
     */
    public static ContributionRecorded decideNew(RecordContribution command, LedgerDirectory directory) {
        CommunityRules rules = Participation.requireCommunity(directory, command.communityId());
        if (command.giver().equals(command.receiver())) {
            throw new SelfContributionNotAllowed(command.giver());
        }
        requireFigures(rules, command.communityId(), command.category(), command.value());
        Participation.requireNotInFuture("occurredAt", command.occurredAt(), command.receivedAt());
        Participation.requireActiveMember(directory, command.communityId(), command.giver());
        Participation.requireActiveMember(directory, command.communityId(), command.receiver());

        // The receiver's own word, or the platform's signed attestation, needs no further confirmation.
        boolean confirmedAtOnce = command.recordedBy() == RecordedBy.RECEIVER
                || command.recordedBy() == RecordedBy.PLATFORM || !rules.confirmationRequired();
        ContributionStatus initial = confirmedAtOnce ? ContributionStatus.CONFIRMED : ContributionStatus.PENDING;
        return new ContributionRecorded(command.communityId(), command.contributionId(), command.giver(),
                command.receiver(), command.category(), command.value().stripTrailingZeros(), command.occurredAt(),
                command.description(), command.evidenceUrl(), command.recordedBy(), initial);
    }

    /** Confirming a confirmed act again is a retry and succeeds quietly; a revoked act stays revoked. */
    @CommandHandler
    public void handle(ConfirmContribution command, LedgerDirectory directory) {
        Participation.requireNotErasedOrMerged(directory, command.communityId(), command.by());
        if (!actsFor(command.by(), act.receiver(), directory)) {
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
    public void handle(DisputeContribution command, LedgerDirectory directory) {
        Participation.requireNotErasedOrMerged(directory, command.communityId(), command.by());
        if (!actsFor(command.by(), act.receiver(), directory)) {
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
    public void handle(RevokeContribution command, LedgerDirectory directory) {
        Participation.requireNotErasedOrMerged(directory, command.communityId(), command.by());
        requireNotRecordedByPlatform(command.by());
        if (!actsFor(command.by(), recorder(), directory)) {
            throw new OnlyRecorderMayRevoke(contributionId, command.by());
        }
        if (status == ContributionStatus.REVOKED) {
            return;
        }
        requireNotFinal();
        apply(new ContributionRevoked(communityId, contributionId, act.giver(), act.receiver(), act.category(),
                act.value(), act.occurredAt(), command.by(), command.reason(), status));
    }

    /**
     * The administrator takes a confirmed act out of every figure. A pending correction goes with
     * it: there is nothing left to correct. Reversing it again is a retry.
     */
    @CommandHandler
    public void handle(ReverseContribution command) {
        if (status == ContributionStatus.REVERSED) {
            return;
        }
        if (status != ContributionStatus.CONFIRMED) {
            throw new OnlyConfirmedActMayBeReversed(contributionId, status);
        }
        apply(new ContributionReversed(communityId, contributionId, act.giver(), act.receiver(), category, value,
                act.occurredAt(), command.reason()));
    }

    /**
     * A correction of a confirmed act, proposed by its recorder as the act itself was, with a
     * reason. It takes effect when the other side accepts it (at once where the community does not
     * ask for confirmation). The same proposal again while it is pending is a retry.
     */
    @CommandHandler
    public CorrectionOutcome handle(CorrectContribution command, LedgerDirectory directory) {
        Participation.requireNotErasedOrMerged(directory, command.communityId(), command.by());
        requireNotRecordedByPlatform(command.by());
        if (!actsFor(command.by(), recorder(), directory)) {
            throw new OnlyRecorderMayCorrect(contributionId, command.by());
        }
        if (status != ContributionStatus.CONFIRMED) {
            throw new OnlyConfirmedActMayBeCorrected(contributionId, status);
        }
        String newCategory = command.category() == null ? category : command.category();
        BigDecimal newValue = command.value() == null ? value : command.value().stripTrailingZeros();
        if (pendingCorrection != null) {
            if (pendingCorrection.category().equals(newCategory) && pendingCorrection.value().compareTo(newValue) == 0) {
                return CorrectionOutcome.PROPOSED;
            }
            throw new CorrectionAlreadyPending(contributionId);
        }
        if (newCategory.equals(category) && newValue.compareTo(value) == 0) {
            throw new CorrectionChangesNothing(contributionId);
        }
        CommunityRules rules = Participation.requireCommunity(directory, communityId);
        requireFigures(rules, communityId, newCategory, newValue);
        if (rules.confirmationRequired()) {
            apply(new ContributionCorrectionProposed(communityId, contributionId, act.giver(), act.receiver(),
                    command.by(), newCategory, newValue, command.reason()));
            return CorrectionOutcome.PROPOSED;
        }
        apply(new ContributionCorrected(communityId, contributionId, act.giver(), act.receiver(), act.occurredAt(),
                category, value, newCategory, newValue, command.by(), null, command.reason()));
        return CorrectionOutcome.CORRECTED;
    }

    @CommandHandler
    public CorrectionOutcome handle(AcceptCorrection command, LedgerDirectory directory) {
        Participation.requireNotErasedOrMerged(directory, command.communityId(), command.by());
        requireCounterpart(command.by(), directory);
        if (pendingCorrection == null) {
            if (command.by().equals(lastCorrectionAcceptedBy)) {
                return CorrectionOutcome.CORRECTED;
            }
            throw new NoCorrectionPending(contributionId);
        }
        apply(new ContributionCorrected(communityId, contributionId, act.giver(), act.receiver(), act.occurredAt(),
                category, value, pendingCorrection.category(), pendingCorrection.value(), pendingCorrection.by(),
                command.by(), pendingCorrection.reason()));
        return CorrectionOutcome.CORRECTED;
    }

    @CommandHandler
    public CorrectionOutcome handle(RejectCorrection command, LedgerDirectory directory) {
        Participation.requireNotErasedOrMerged(directory, command.communityId(), command.by());
        requireCounterpart(command.by(), directory);
        if (pendingCorrection == null) {
            throw new NoCorrectionPending(contributionId);
        }
        apply(new ContributionCorrectionRejected(communityId, contributionId, command.by(), command.reason()));
        return CorrectionOutcome.REJECTED;
    }

    /**
     * Whether {@code by} may act as {@code side} of this act: they are that member, or the member
     * that member was merged into, who acts for them from then on (a merged-away member cannot act).
     */
    private boolean actsFor(String by, String side, LedgerDirectory directory) {
        return by.equals(side) || directory.findMember(communityId, side)
                .map(member -> by.equals(member.mergedInto())).orElse(false);
    }

    private String recorder() {
        return act.recordedBy() == RecordedBy.GIVER ? act.giver() : act.receiver();
    }

    private void requireNotRecordedByPlatform(String by) {
        if (act.recordedBy() == RecordedBy.PLATFORM) {
            throw new PlatformActChangedOnlyByItsPlatform(contributionId, by);
        }
    }

    private void requireCounterpart(String by, LedgerDirectory directory) {
        String counterpart = act.recordedBy() == RecordedBy.GIVER ? act.receiver() : act.giver();
        if (!actsFor(by, counterpart, directory)) {
            throw new OnlyCounterpartMayDecideCorrection(contributionId, by);
        }
    }

    /** The community's rules for an act's figures, the same when it is recorded and when it is corrected. */
    private static void requireFigures(CommunityRules rules, String communityId, String category, BigDecimal value) {
        if (!rules.categories().contains(category)) {
            throw new UnknownCategory(communityId, category);
        }
        if (value.signum() <= 0 || value.compareTo(rules.maxValuePerAct()) > 0
                || value.stripTrailingZeros().scale() > MAX_VALUE_DECIMALS) {
            throw new ValueOutOfRange(value, rules.maxValuePerAct());
        }
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
        this.category = event.category();
        this.value = event.value();
    }

    @EventSourcingHandler
    public void on(ContributionCorrectionProposed event) {
        this.pendingCorrection = event;
    }

    @EventSourcingHandler
    public void on(ContributionCorrected event) {
        this.category = event.category();
        this.value = event.value();
        this.pendingCorrection = null;
        this.lastCorrectionAcceptedBy = event.acceptedBy();
    }

    @EventSourcingHandler
    public void on(ContributionCorrectionRejected event) {
        this.pendingCorrection = null;
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

    @EventSourcingHandler
    public void on(ContributionReversed event) {
        this.status = ContributionStatus.REVERSED;
        this.pendingCorrection = null;
    }

    public static String aggregateId(String communityId, String contributionId) {
        return Ids.aggregateId("contribution", communityId, contributionId);
    }

    /** Axon rebuilds the aggregate from its events through this constructor. */
    public Contribution() {
    }
}
