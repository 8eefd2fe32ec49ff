package org.contributionledger.query.reputation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.community.CommunitySettingsChanged;
import org.contributionledger.core.community.CommunitySettingsLimits;
import org.contributionledger.core.community.SettingRuleViolation;
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
import org.contributionledger.query.reputation.graph.Explanation;
import org.contributionledger.query.reputation.graph.GraphMetrics;
import org.contributionledger.query.reputation.graph.InfluenceResult;
import org.contributionledger.query.reputation.graph.Ranking;
import org.contributionledger.query.reputation.graph.Teleport;
import org.contributionledger.query.reputation.graph.TrustGraph;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reputation, held in memory and computed from the events alone. The "reputation" processing group
 * is a streaming processor whose position is not stored: at every start it replays the whole
 * history, so the reputation is always a pure function of the event stream.
 * <p>
 * Events only record facts in a {@link CommunityNetwork} and bump its version. Recomputing a
 * changed community, warm-started from the previous scores, publishes an immutable
 * {@link ReputationSnapshot} that queries read; {@link ReputationRecomputation} decides when.
 * <p>
 * Each community is computed on its own: one that cannot be computed (settings outside
 * {@link CommunitySettingsLimits}, stored before the limits existed) is recorded as failing, its
 * reads answer {@link ReputationUnavailable}, and every other community is unaffected. A change of
 * its settings clears the failure, so it is computed again at once.
 */
@Component
@ProcessingGroup(ReputationProjection.PROCESSING_GROUP)
public class ReputationProjection {

    public static final String PROCESSING_GROUP = "reputation";

    private final Map<String, CommunityNetwork> networks = new ConcurrentHashMap<>();
    private final Map<String, ReputationSnapshot> snapshots = new ConcurrentHashMap<>();
    /** Why a community's latest computation failed; removed when one succeeds or its settings change. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    /** One computation per community at a time: the background thread and a first read may race. */
    private final Map<String, Object> computeLocks = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ReplayProgress progress;

    @Autowired
    public ReputationProjection(ReplayProgress progress) {
        this(Clock.systemUTC(), progress);
    }

    /** {@code progress} null means "every stored event has been seen". */
    ReputationProjection(Clock clock, ReplayProgress progress) {
        this.clock = clock;
        this.progress = progress;
    }

    // ---- events: record facts only ----

    @EventHandler
    public void on(CommunityCreated event) {
        networks.putIfAbsent(event.communityId(), new CommunityNetwork(event.communityId(), event.settings()));
    }

    @EventHandler
    public void on(CommunitySettingsChanged event, @Timestamp Instant at) {
        mutate(event.communityId(), network -> {
            network.changeSettings(event.settings(), at);
            failures.remove(event.communityId()); // under the network's monitor: see recordFailure
        });
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

    @ResetHandler
    public void reset() {
        networks.clear();
        snapshots.clear();
        failures.clear();
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

    // ---- recomputation ----

    /**
     * True while the history stored at start is being replayed: nothing is computed or answered
     * then, since the facts are partial; the first read after the replay computes from all of them.
     */
    boolean replaying() {
        return progress != null && !progress.caughtUp();
    }

    /** Communities whose snapshot is missing or older than their facts. */
    List<String> outdatedCommunities() {
        List<String> outdated = new ArrayList<>();
        for (CommunityNetwork network : networks.values()) {
            ReputationSnapshot current = snapshots.get(network.communityId());
            long version = network.version();
            if (current == null || current.facts().version() != version) {
                outdated.add(network.communityId());
            }
        }
        return outdated;
    }

    /** Why the community's latest computation failed, or empty when it did not. */
    Optional<String> failure(String communityId) {
        return Optional.ofNullable(failures.get(communityId));
    }

    /**
     * Recomputes one community if it changed since its snapshot. A failure is recorded (reads of
     * this community then answer {@link ReputationUnavailable}) and thrown to the caller.
     */
    void recompute(String communityId) {
        CommunityNetwork network = networks.get(communityId);
        if (network != null) {
            synchronized (computeLock(communityId)) {
                recomputeLocked(network);
            }
        }
    }

    /**
     * Computes the community from the facts this projection holds, warm-started from {@code
     * source}'s latest snapshot of it: for a projection replayed up to a past position, whose facts
     * are close to the live ones. A snapshot of the same version is kept as it is, since it was
     * computed from the same facts. A failure is recorded, as by {@link #recompute(String)}, and
     * answered by the reads.
     */
    void computeWarmStartedFrom(ReputationProjection source, String communityId) {
        ReputationSnapshot start = source.snapshots.get(communityId);
        if (start != null && networks.containsKey(communityId)) {
            snapshots.put(communityId, start);
        }
        try {
            recompute(communityId);
        } catch (RuntimeException recorded) {
            // Recorded by recompute: the reads answer ReputationUnavailable, as the live ones did.
        }
    }

    /** For tests: recomputes every changed community now, each on its own, as the background thread does. */
    void recomputeNow() {
        for (String communityId : outdatedCommunities()) {
            try {
                recompute(communityId);
            } catch (RuntimeException recorded) {
                // Recorded by recompute; the other communities go on.
            }
        }
    }

    private Object computeLock(String communityId) {
        return computeLocks.computeIfAbsent(communityId, id -> new Object());
    }

    private void recomputeLocked(CommunityNetwork network) {
        String communityId = network.communityId();
        CommunitySettings settings = null;
        try {
            NetworkFacts facts;
            synchronized (network) {
                ReputationSnapshot current = snapshots.get(communityId);
                if (current != null && current.facts().version() == network.version()) {
                    return;
                }
                settings = network.settings();
                // Settings stored before the limits existed may be beyond what the engine computes
                // exactly: say so by name, rather than with whatever the arithmetic would fail with.
                CommunitySettingsLimits.checkComputable(settings.reputation());
                facts = network.freeze();
            }
            snapshots.put(communityId, ReputationSnapshot.compute(facts, snapshots.get(communityId), clock.instant()));
            failures.remove(communityId);
        } catch (SettingRuleViolation outOfRange) {
            recordFailure(network, settings, "its settings are outside what the engine computes: " + outOfRange.getMessage());
            throw outOfRange;
        } catch (RuntimeException failure) {
            recordFailure(network, settings, failure.getClass().getSimpleName() + ": " + failure.getMessage());
            throw failure;
        }
    }

    /**
     * Records the failure unless the settings changed while computing: a correction that arrives
     * during a failing computation must not be hidden by that computation's failure.
     */
    private void recordFailure(CommunityNetwork network, CommunitySettings computedWith, String reason) {
        synchronized (network) {
            if (network.settings() == computedWith) {
                failures.put(network.communityId(), reason);
            }
        }
    }

    // ---- queries ----

    /**
     * The community's current snapshot. A member the projection knows but no snapshot includes yet
     * (the first read right after registering) gets one computed on the spot, so a registered member
     * never reads as unknown; otherwise reads never wait for a computation.
     */
    private ReputationSnapshot snapshot(String communityId, String memberId) {
        if (replaying()) {
            ReplayProgress.Replay replay = progress.replay();
            throw new ReputationReplaying(replay.replayed(), replay.total());
        }
        ReputationSnapshot snapshot = snapshots.get(communityId);
        CommunityNetwork network = networks.get(communityId);
        if (network == null) {
            return snapshot;
        }
        String failure = failures.get(communityId);
        if (failure != null) {
            throw new ReputationUnavailable(communityId, failure);
        }
        boolean known = memberId == null || network.indexOf(memberId) != null;
        if (snapshot == null || (known && memberId != null && snapshot.facts().nodeOf(memberId) < 0)) {
            try {
                recompute(communityId);
            } catch (RuntimeException recorded) {
                throw new ReputationUnavailable(communityId, failures.getOrDefault(communityId, recorded.toString()));
            }
            snapshot = snapshots.get(communityId);
        }
        return snapshot;
    }

    /** For reads of the whole network ({@link NetworkDrawings}): as every query here gets its snapshot. */
    ReputationSnapshot currentSnapshot(String communityId) {
        return snapshot(communityId, null);
    }

    /** For reads of the whole network ({@link NetworkDrawings}): as every answer here states its freshness. */
    Freshness freshnessOf(ReputationSnapshot snapshot) {
        return freshness(snapshot);
    }

    @QueryHandler
    public Optional<MemberReputation> handle(FindReputation query) {
        ReputationSnapshot snapshot = snapshot(query.communityId(), query.memberId());
        if (snapshot == null || snapshot.overall() == null) {
            return Optional.empty();
        }
        NetworkFacts facts = snapshot.facts();
        int node = facts.nodeOf(query.memberId());
        if (node < 0) {
            return Optional.empty();
        }
        Map<String, MemberReputation.CategoryInfluence> byCategory = new TreeMap<>();
        snapshot.byCategory().forEach((category, result) -> byCategory.put(category,
                facts.categoriesWithData().contains(category)
                        ? MemberReputation.CategoryInfluence.of(Influence.of(result, snapshot.ranking(category), node))
                        : MemberReputation.CategoryInfluence.noData()));
        Explanation why = Explanation.of(facts.overall(), snapshot.overall(), node, query.topSources());
        List<MemberReputation.InfluenceSource> sources = why.topSources().stream()
                .map(source -> new MemberReputation.InfluenceSource(facts.memberIds().get(source.node()),
                        facts.displayNames().get(source.node()), source.contribution(), source.trustShare(),
                        source.sourceScore()))
                .toList();
        TrustGraph positive = facts.positiveTrust();
        OptionalDouble character = GraphMetrics.character(positive, node);
        return Optional.of(new MemberReputation(query.communityId(), query.memberId(), facts.displayNames().get(node),
                Influence.of(snapshot.overall(), snapshot.overallRanking(), node), byCategory, breadth(facts, node),
                GraphMetrics.reach(facts.contacts(), node),
                new MemberReputation.TrustCharacter(character.isPresent() ? character.getAsDouble() : null,
                        positive.outDegree(node),
                        positive.inDegree(node), facts.distrustReceived()[node]),
                sources, new MemberReputation.OtherSources(why.otherSourceCount(), why.fromOtherSources()),
                new MemberReputation.ScoreParts(why.fromAllSources(), why.fromDanglingNodes(), why.fromTeleport(),
                        why.residual()),
                freshness(snapshot), null));
    }

    @QueryHandler
    public Optional<Leaderboard> handle(FindLeaderboard query) {
        ReputationSnapshot snapshot = snapshot(query.communityId(), null);
        if (snapshot == null) {
            return Optional.empty();
        }
        if (query.category() != null && !snapshot.facts().byCategory().containsKey(query.category())) {
            return Optional.empty(); // not a category of this community
        }
        InfluenceResult result = snapshot.influence(query.category());
        Ranking ranking = snapshot.ranking(query.category());
        List<Leaderboard.Entry> entries = new ArrayList<>();
        int total = result == null ? 0 : result.nodeCount();
        // In long: an offset near Integer.MAX_VALUE must give an empty page, not an overflowed rank.
        long last = Math.min(total, (long) query.offset() + query.limit());
        for (long rank = (long) query.offset() + 1; rank <= last; rank++) {
            int node = ranking.nodeAtRank((int) rank);
            entries.add(entry(snapshot.facts(), result, ranking, node));
        }
        return Optional.of(new Leaderboard(query.communityId(), query.category(), total, entries,
                freshness(snapshot)));
    }

    @QueryHandler
    public Optional<Influencers> handle(FindInfluencers query) {
        ReputationSnapshot snapshot = snapshot(query.communityId(), query.memberId());
        if (snapshot == null) {
            return Optional.empty();
        }
        NetworkFacts facts = snapshot.facts();
        int node = facts.nodeOf(query.memberId());
        TrustGraph graph = snapshot.graph(query.category());
        if (node < 0 || graph == null) {
            return Optional.empty();
        }
        InfluenceResult personal = ReputationSnapshot.solve(graph, Teleport.singleNode(node), facts.alpha(), null);
        Ranking ranking = personal.ranking();
        List<Leaderboard.Entry> entries = new ArrayList<>();
        for (int rank = 1; rank <= ranking.nodeCount() && entries.size() < query.limit(); rank++) {
            int other = ranking.nodeAtRank(rank);
            if (other != node && personal.score(other) > 0) {
                entries.add(entry(facts, personal, ranking, other));
            }
        }
        return Optional.of(new Influencers(query.communityId(), query.memberId(), query.category(), entries,
                freshness(snapshot), null));
    }

    @QueryHandler
    public Optional<NetworkStats> handle(FindNetworkStats query) {
        ReputationSnapshot snapshot = snapshot(query.communityId(), null);
        if (snapshot == null) {
            return Optional.empty();
        }
        NetworkFacts facts = snapshot.facts();
        long distrust = 0;
        for (int received : facts.distrustReceived()) {
            distrust += received;
        }
        NetworkStats.Ties trust = ties(facts.ties(), facts.positiveTrust().edgeCount(), distrust);
        NetworkStats.Ties giving = ties(facts.giving(), facts.giving().edgeCount(), 0);
        Double gini = facts.memberCount() == 0 ? null : GraphMetrics.gini(facts.givenValue());
        return Optional.of(new NetworkStats(trust, giving, gini, freshness(snapshot)));
    }

    private static NetworkStats.Ties ties(TrustGraph graph, long positive, long negative) {
        if (graph.edgeCount() == 0) {
            return new NetworkStats.Ties(0, 0, 0, 0, null, null);
        }
        return new NetworkStats.Ties(graph.edgeCount(), positive, negative, GraphMetrics.mutualPairs(graph),
                GraphMetrics.edgewiseReciprocity(graph), GraphMetrics.garlaschelliLoffredoReciprocity(graph));
    }

    private static Leaderboard.Entry entry(NetworkFacts facts, InfluenceResult result, Ranking ranking, int node) {
        return new Leaderboard.Entry(ranking.rank(node), facts.memberIds().get(node), facts.displayNames().get(node),
                result.score(node),
                result.relativeScore(node), ranking.percentile(node));
    }

    private static MemberReputation.Breadth breadth(NetworkFacts facts, int node) {
        TrustGraph giving = facts.giving();
        Map<Integer, Double> exchanged = new LinkedHashMap<>();
        int[] receivers = giving.successors(node);
        double[] givenWeights = giving.successorWeights(node);
        for (int k = 0; k < receivers.length; k++) {
            exchanged.merge(receivers[k], givenWeights[k], Double::sum);
        }
        int[] givers = giving.predecessors(node);
        for (int giver : givers) {
            exchanged.merge(giver, giving.weight(giver, node), Double::sum);
        }
        double[] weights = exchanged.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new MemberReputation.Breadth(receivers.length, givers.length, exchanged.size(),
                facts.memberCategories().get(node).stream().sorted().toList(),
                weights.length == 0 ? 0.0 : GraphMetrics.shannonDiversity(weights));
    }

    private Freshness freshness(ReputationSnapshot snapshot) {
        CommunityNetwork network = networks.get(snapshot.facts().communityId());
        long current = network.version();
        long unprocessed = progress == null ? 0 : progress.eventsBehind();
        // Behind by the community's changes seen but not computed yet, and by the events not processed
        // yet: upToDate is exactly "behind by none", so the two fields never disagree.
        long behind = unprocessed < 0 ? -1 : unprocessed + (current - snapshot.facts().version());
        return new Freshness(snapshot.computedAt(), snapshot.facts().version(), current, behind == 0, behind,
                snapshot.computeMillis(), snapshot.facts().lastEventAt());
    }
}
