package org.contributionledger.query.reputation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.query.reputation.graph.Explanation;
import org.contributionledger.query.reputation.graph.GraphMetrics;
import org.contributionledger.query.reputation.graph.InfluenceResult;
import org.contributionledger.query.reputation.graph.Ranking;
import org.contributionledger.query.reputation.graph.Teleport;
import org.contributionledger.query.reputation.graph.WeightedDigraph;
import org.contributionledger.query.reputation.spheres.Sphere;
import org.contributionledger.query.reputation.spheres.Spheres;
import org.springframework.stereotype.Component;

/**
 * Answers the reputation queries from the current snapshot of the community
 * ({@link ReputationSnapshots#forReading}): turns its influence results and frozen network into the
 * records the API returns, with how fresh they are. An empty answer means an unknown community,
 * member or category.
 */
@Component
public class ReputationQueries {

    private final ReputationSnapshots snapshots;

    public ReputationQueries(ReputationSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @QueryHandler
    public Optional<MemberReputation> handle(FindReputation query) {
        ReputationSnapshot snapshot = snapshots.forReading(query.communityId(), query.memberId());
        if (snapshot == null || snapshot.overall() == null) {
            return Optional.empty();
        }
        FrozenNetwork network = snapshot.network();
        int node = network.nodeOf(query.memberId());
        if (node < 0) {
            return Optional.empty();
        }
        Map<String, MemberReputation.CategoryInfluence> byCategory = new TreeMap<>();
        snapshot.byCategory().forEach((category, result) -> byCategory.put(category,
                network.categoriesWithData().contains(category)
                        ? MemberReputation.CategoryInfluence.of(Influence.of(result, snapshot.ranking(category), node))
                        : MemberReputation.CategoryInfluence.noData()));
        Explanation why = Explanation.of(network.overall(), snapshot.overall(), node, query.topSources());
        List<MemberReputation.InfluenceSource> sources = why.topSources().stream()
                .map(source -> new MemberReputation.InfluenceSource(network.memberIds().get(source.node()),
                        network.displayNames().get(source.node()), source.contribution(), source.trustShare(),
                        source.sourceScore()))
                .toList();
        WeightedDigraph positive = network.positiveTrust();
        OptionalDouble character = GraphMetrics.character(positive, node);
        ReputationSnapshot withSpheres = snapshots.newestWithSpheres(snapshot);
        return Optional.of(new MemberReputation(query.communityId(), query.memberId(), network.displayNames().get(node),
                Influence.of(snapshot.overall(), snapshot.overallRanking(), node), byCategory,
                snapshot.measures().breadth(node), snapshot.measures().reach(node),
                new MemberReputation.TrustCharacter(character.isPresent() ? character.getAsDouble() : null,
                        positive.outDegree(node),
                        positive.inDegree(node), network.distrustReceived()[node]),
                sources, new MemberReputation.OtherSources(why.otherSourceCount(), why.fromOtherSources()),
                new MemberReputation.ScoreParts(why.fromAllSources(), why.fromDanglingNodes(), why.fromTeleport(),
                        why.residual()),
                standing(withSpheres, query.memberId()), snapshots.freshness(snapshot, withSpheres), null));
    }

    @QueryHandler
    public Optional<CommunitySpheres> handle(FindSpheres query) {
        ReputationSnapshot snapshot = snapshots.forReading(query.communityId(), null);
        if (snapshot == null) {
            return Optional.empty();
        }
        FrozenNetwork network = snapshot.network();
        Spheres spheres = snapshot.spheres();
        List<CommunitySpheres.SphereSummary> summaries = new ArrayList<>();
        for (Sphere sphere : spheres.spheres()) {
            List<CommunitySpheres.SphereLeader> leaders = new ArrayList<>();
            for (int index = 0; index < Math.min(Spheres.LEADER_COUNT, sphere.size()); index++) {
                int node = sphere.members()[index];
                leaders.add(new CommunitySpheres.SphereLeader(network.memberIds().get(node), network.displayNames().get(node),
                        influence(snapshot, node), spheres.influenceInSphere(node)));
            }
            summaries.add(new CommunitySpheres.SphereSummary(sphere.number(), sphere.size(), sphere.density(),
                    sphere.influenceShare(), leaders));
        }
        List<CommunitySpheres.SphereBridge> bridges = new ArrayList<>();
        for (int node : spheres.bridges()) {
            bridges.add(new CommunitySpheres.SphereBridge(network.memberIds().get(node), network.displayNames().get(node),
                    spheres.sphereOf(node), spheres.participation(node), spheres.betweenness(node),
                    spheresTied(spheres, node)));
        }
        return Optional.of(new CommunitySpheres(query.communityId(), spheres.modularity(), summaries.size(),
                spheres.betweennessExact(), summaries, bridges, snapshot.spheresMillis(), snapshots.freshness(snapshot),
                null));
    }

    /** @throws UnknownSphere when the community's partition has no sphere of that number */
    @QueryHandler
    public Optional<SphereMembers> handle(FindSphere query) {
        ReputationSnapshot snapshot = snapshots.forReading(query.communityId(), null);
        if (snapshot == null) {
            return Optional.empty();
        }
        FrozenNetwork network = snapshot.network();
        Spheres spheres = snapshot.spheres();
        Sphere sphere = spheres.sphere(query.sphere());
        if (sphere == null) {
            throw new UnknownSphere(query.communityId(), query.sphere(), spheres.spheres().size());
        }
        List<SphereMembers.MemberInSphere> members = new ArrayList<>(sphere.size());
        for (int node : sphere.members()) {
            members.add(new SphereMembers.MemberInSphere(network.memberIds().get(node), network.displayNames().get(node),
                    influence(snapshot, node), spheres.influenceInSphere(node), spheres.participation(node),
                    spheres.isBridge(node)));
        }
        return Optional.of(new SphereMembers(query.communityId(), sphere.number(), sphere.size(), sphere.density(),
                sphere.influenceShare(), members, snapshots.freshness(snapshot), null));
    }

    private static double influence(ReputationSnapshot snapshot, int node) {
        return snapshot.overall() == null ? 0 : snapshot.overall().score(node);
    }

    private static List<Integer> spheresTied(Spheres spheres, int node) {
        return java.util.Arrays.stream(spheres.spheresTied(node)).boxed().toList();
    }

    /**
     * Where the member stands among the spheres of {@code found}, which may be older than the snapshot
     * the rest of the answer comes from (its nodes are then looked up by member id); null while they
     * have no tie there.
     */
    private static MemberReputation.SphereStanding standing(ReputationSnapshot found, String memberId) {
        Spheres spheres = found.spheres();
        int node = found.network().nodeOf(memberId);
        if (node < 0 || spheres.sphereOf(node) == 0) {
            return null;
        }
        return new MemberReputation.SphereStanding(spheres.sphereOf(node), spheres.participation(node),
                spheres.betweenness(node), spheres.isBridge(node), spheresTied(spheres, node),
                found.network().version());
    }

    @QueryHandler
    public Optional<Leaderboard> handle(FindLeaderboard query) {
        ReputationSnapshot snapshot = snapshots.forReading(query.communityId(), null);
        if (snapshot == null) {
            return Optional.empty();
        }
        if (query.category() != null && !snapshot.network().byCategory().containsKey(query.category())) {
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
            entries.add(entry(snapshot.network(), result, ranking, node));
        }
        return Optional.of(new Leaderboard(query.communityId(), query.category(), total, entries,
                snapshots.freshness(snapshot)));
    }

    @QueryHandler
    public Optional<Influencers> handle(FindInfluencers query) {
        ReputationSnapshot snapshot = snapshots.forReading(query.communityId(), query.memberId());
        if (snapshot == null) {
            return Optional.empty();
        }
        FrozenNetwork network = snapshot.network();
        int node = network.nodeOf(query.memberId());
        WeightedDigraph graph = snapshot.graph(query.category());
        if (node < 0 || graph == null) {
            return Optional.empty();
        }
        InfluenceResult personal = ReputationSnapshot.solve(graph, Teleport.singleNode(node), network.alpha(), null);
        Ranking ranking = personal.ranking();
        List<Leaderboard.Entry> entries = new ArrayList<>();
        for (int rank = 1; rank <= ranking.nodeCount() && entries.size() < query.limit(); rank++) {
            int other = ranking.nodeAtRank(rank);
            if (other != node && personal.score(other) > 0) {
                entries.add(entry(network, personal, ranking, other));
            }
        }
        return Optional.of(new Influencers(query.communityId(), query.memberId(), query.category(), entries,
                snapshots.freshness(snapshot), null));
    }

    @QueryHandler
    public Optional<NetworkStats> handle(FindNetworkStats query) {
        ReputationSnapshot snapshot = snapshots.forReading(query.communityId(), null);
        if (snapshot == null) {
            return Optional.empty();
        }
        return Optional.of(snapshot.measures().stats(snapshots.freshness(snapshot)));
    }

    private static Leaderboard.Entry entry(FrozenNetwork network, InfluenceResult result, Ranking ranking, int node) {
        return new Leaderboard.Entry(ranking.rank(node), network.memberIds().get(node), network.displayNames().get(node),
                result.score(node),
                result.relativeScore(node), ranking.percentile(node));
    }
}
