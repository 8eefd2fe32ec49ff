package org.contributionledger.query.reputation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettingsChanged;
import org.contributionledger.core.contribution.ContributionConfirmed;
import org.contributionledger.core.contribution.ContributionCorrected;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionReversed;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.member.MemberProfileUpdated;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.member.MemberReinstated;
import org.contributionledger.core.member.MemberErased;
import org.contributionledger.core.member.MemberSuspended;
import org.contributionledger.core.member.MembersMerged;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.core.trust.TrustWithdrawn;
import org.springframework.stereotype.Component;

/**
 * Records the events in each community's {@link CommunityNetwork}, held in memory. The
 * "reputation" processing group is a streaming processor whose position is not stored: at every
 * start it replays the whole history, so the reputation is always a pure function of the event
 * stream.
 * <p>
 * Events only record facts in a network and bump its version; nothing is computed here.
 * {@link ReputationSnapshots} computes a snapshot from each changed network (when
 * {@link ReputationRecomputation} says), and {@link ReputationQueries} answers from the snapshots.
 */
@Component
@ProcessingGroup(ReputationProjection.PROCESSING_GROUP)
public class ReputationProjection {

    public static final String PROCESSING_GROUP = "reputation";

    private final Map<String, CommunityNetwork> networks = new ConcurrentHashMap<>();
    /** Called after a reset: what was computed from the networks goes with them (see {@link #whenReset}). */
    private final List<Runnable> resetListeners = new CopyOnWriteArrayList<>();

    // ---- events: record facts only ----

    @EventHandler
    public void on(CommunityCreated event) {
        networks.putIfAbsent(event.communityId(), new CommunityNetwork(event.communityId(), event.settings()));
    }

    @EventHandler
    public void on(CommunitySettingsChanged event, @Timestamp Instant at) {
        // This also lifts a failure to compute the community: see ReputationSnapshots#failure.
        mutate(event.communityId(), network -> network.changeSettings(event.settings(), at));
    }

    @EventHandler
    public void on(MemberRegistered event, @Timestamp Instant at) {
        mutate(event.communityId(), network -> network.register(event.memberId(), event.displayName(), at));
    }

    @EventHandler
    public void on(MemberProfileUpdated event, @Timestamp Instant at) {
        mutate(event.communityId(), network -> network.rename(event.memberId(), event.displayName(), at));
    }

    /** Only the name goes: the member's node, trust and acts stay, so every figure stays as it was. */
    @EventHandler
    public void on(MemberErased event, @Timestamp Instant at) {
        mutate(event.communityId(), network -> network.rename(event.memberId(), null, at));
    }

    @EventHandler
    public void on(MemberSuspended event, @Timestamp Instant at) {
        mutate(event.communityId(), network -> network.setActive(event.memberId(), false, at));
    }

    @EventHandler
    public void on(MemberReinstated event, @Timestamp Instant at) {
        mutate(event.communityId(), network -> network.setActive(event.memberId(), true, at));
    }

    /** From now on the two are one member: the merged one leaves the network, its facts move to the staying one. */
    @EventHandler
    public void on(MembersMerged event, @Timestamp Instant at) {
        mutate(event.communityId(), network -> network.merge(event.memberId(), event.mergedMemberId(), at));
    }

    @EventHandler
    public void on(TrustDeclared event, @Timestamp Instant at) {
        mutate(event.communityId(), network -> network.declareTrust(event.truster(), event.trustee(),
                event.category(), event.level(), event.declaredAt(), at));
    }

    @EventHandler
    public void on(TrustWithdrawn event, @Timestamp Instant at) {
        mutate(event.communityId(), network -> network.withdrawTrust(event.truster(), event.trustee(),
                event.category(), at));
    }

    @EventHandler
    public void on(ContributionRecorded event, @Timestamp Instant at) {
        if (event.status() == ContributionStatus.CONFIRMED) {
            mutate(event.communityId(), network -> network.confirmGift(event.giver(), event.receiver(),
                    event.category(), event.value().doubleValue(), at));
        }
    }

    @EventHandler
    public void on(ContributionConfirmed event, @Timestamp Instant at) {
        mutate(event.communityId(), network -> network.confirmGift(event.giver(), event.receiver(),
                event.category(), event.value().doubleValue(), at));
    }

    /** Only confirmed acts are corrected, so the gift being moved is in the network. */
    @EventHandler
    public void on(ContributionCorrected event, @Timestamp Instant at) {
        mutate(event.communityId(), network -> network.correctGift(event.giver(), event.receiver(),
                event.previousCategory(), event.previousValue().doubleValue(), event.category(),
                event.value().doubleValue(), at));
    }

    /** Only confirmed acts are reversed, so the gift being taken out is in the network. */
    @EventHandler
    public void on(ContributionReversed event, @Timestamp Instant at) {
        mutate(event.communityId(), network -> network.withdrawGift(event.giver(), event.receiver(),
                event.category(), event.value().doubleValue(), at));
    }

    /** Forgets every community, and then what was computed from them, before the history is replayed again. */
    @ResetHandler
    public void reset() {
        networks.clear();
        resetListeners.forEach(Runnable::run);
    }

    private void mutate(String communityId, Consumer<CommunityNetwork> change) {
        CommunityNetwork network = networks.get(communityId);
        if (network == null) {
            return; // an event of a community created before this projection existed cannot happen on replay
        }
        synchronized (network) {
            change.accept(network);
        }
    }

    /** A network read back from a checkpoint (ReputationCheckpoints), before the replay of what followed it. */
    void restored(CommunityNetwork network) {
        networks.put(network.communityId(), network);
    }

    /** The community's network, or null when no community of that id was created. */
    CommunityNetwork network(String communityId) {
        return networks.get(communityId);
    }

    /** Every community's network; changes as communities are created. */
    Collection<CommunityNetwork> networks() {
        return networks.values();
    }

    /**
     * Runs {@code forget} after every reset. What is computed from the networks registers here, so
     * that nothing computed from a forgotten history answers for the one replayed after it; the
     * projection itself knows nothing of what is computed.
     */
    void whenReset(Runnable forget) {
        resetListeners.add(forget);
    }
}
