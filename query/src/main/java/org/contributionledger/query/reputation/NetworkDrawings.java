package org.contributionledger.query.reputation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.query.reputation.graph.InfluenceResult;
import org.contributionledger.query.reputation.graph.WeightedDigraph;
import org.contributionledger.query.reputation.layout.ForceDirectedLayout;
import org.contributionledger.query.reputation.spheres.Spheres;
import org.springframework.stereotype.Component;

/**
 * Answers {@link FindNetworkDrawing}: the current reputation snapshot's members and ties, placed on a
 * plane. Placing a large network takes a second or so (Bitcoin OTC), so each community's drawing is
 * made once per snapshot and kept until a newer snapshot's replaces it; it is made in the background
 * right after the snapshot's spheres ({@link SnapshotWarmUp}) when someone is looking: when the
 * community's previous drawing was read. Drawing every snapshot of every community in advance would
 * keep a core busy under a stream of writes for networks nobody opens; so the first drawing of a
 * community, and the first after its drawings went unread, is made by the read that asks for it.
 * <p>
 * A read that finds no drawing of the current snapshot yet waits for the one being made (or makes it,
 * when none is), one layout per community at a time. It does not answer with the previous snapshot's
 * drawing meanwhile: every figure of a drawing (influence, spheres, ties, places) comes from the
 * snapshot its {@code freshness} names, the one the leaderboard and the spheres answer from, and the
 * warm-up usually has it ready before anyone asks.
 */
@Component
public class NetworkDrawings {

    private final ReputationSnapshots snapshots;
    private final Map<String, Drawn> drawn = new ConcurrentHashMap<>();
    /** One layout per community at a time: concurrent first reads wait for it rather than repeat it. */
    private final Map<String, Object> drawLocks = new ConcurrentHashMap<>();
    /** Communities whose latest drawing was read: the next snapshot's is made in advance. */
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    /** How many layouts were computed, of any snapshot: a check that each snapshot is laid out once. */
    private final AtomicInteger layoutsMade = new AtomicInteger();

    public NetworkDrawings(ReputationSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** The nodes and edges made from one snapshot, told apart by its version and computation time. */
    private record Drawn(long version, Instant computedAt, List<NetworkDrawing.Node> nodes,
                         List<NetworkDrawing.Edge> edges) {

        boolean of(ReputationSnapshot snapshot) {
            return version == snapshot.network().version() && computedAt.equals(snapshot.computedAt());
        }
    }

    @QueryHandler
    public Optional<NetworkDrawing> handle(FindNetworkDrawing query) {
        ReputationSnapshot snapshot = snapshots.forReading(query.communityId(), null);
        if (snapshot == null) {
            return Optional.empty();
        }
        Drawn drawing = drawingOf(snapshot);
        watched.add(query.communityId());
        return Optional.of(new NetworkDrawing(query.communityId(), drawing.nodes(), drawing.edges(),
                snapshots.freshness(snapshot)));
    }

    /** The snapshot's drawing: kept, or being made (then waited for), or made now. */
    private Drawn drawingOf(ReputationSnapshot snapshot) {
        String communityId = snapshot.network().communityId();
        Drawn drawing = drawn.get(communityId);
        if (drawing == null || !drawing.of(snapshot)) {
            synchronized (drawLock(communityId)) {
                drawing = drawn.get(communityId);
                if (drawing == null || !drawing.of(snapshot)) {
                    drawing = layOut(snapshot);
                }
            }
        }
        return drawing;
    }

    /**
     * For the warm-up: makes the snapshot's drawing when the community's latest drawing was read,
     * unless it is made already or a newer snapshot has replaced it (checked under the lock, so a
     * late warm-up never replaces a newer drawing).
     */
    void drawInAdvance(ReputationSnapshot snapshot) {
        String communityId = snapshot.network().communityId();
        synchronized (drawLock(communityId)) {
            if (watched.contains(communityId) && snapshots.latest(communityId) == snapshot && !isDrawn(snapshot)) {
                layOut(snapshot);
                // Unread until a read comes: if none does, the next snapshot is not drawn in advance.
                watched.remove(communityId);
            }
        }
    }

    private Object drawLock(String communityId) {
        return drawLocks.computeIfAbsent(communityId, id -> new Object());
    }

    /** Under the community's draw lock. */
    private Drawn layOut(ReputationSnapshot snapshot) {
        layoutsMade.incrementAndGet();
        Drawn drawing = draw(snapshot);
        drawn.put(snapshot.network().communityId(), drawing);
        return drawing;
    }

    /** True when the snapshot's drawing is made and kept; never waits. */
    boolean isDrawn(ReputationSnapshot snapshot) {
        Drawn drawing = drawn.get(snapshot.network().communityId());
        return drawing != null && drawing.of(snapshot);
    }

    /** How many layouts were computed so far, of any snapshot of any community. */
    int layoutsMade() {
        return layoutsMade.get();
    }

    private static Drawn draw(ReputationSnapshot snapshot) {
        FrozenNetwork network = snapshot.network();
        int n = network.memberCount();
        List<NetworkDrawing.Edge> edges = edges(network);
        int[] from = new int[edges.size()];
        int[] to = new int[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            from[e] = network.nodeOf(edges.get(e).from());
            to[e] = network.nodeOf(edges.get(e).to());
        }
        // Each sphere starts in a region of its own: the springs then refine a drawing arranged by sphere.
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            Integer sphere = sphereOf(snapshot, i).sphere();
            group[i] = sphere == null ? 0 : sphere;
        }
        double[][] start = ForceDirectedLayout.groupedStartPositions(network.memberIds(), group);
        ForceDirectedLayout.Positions positions = ForceDirectedLayout.compute(n, from, to, start[0], start[1],
                ForceDirectedLayout.DEFAULT_ITERATIONS);
        InfluenceResult influence = snapshot.overall();
        List<NetworkDrawing.Node> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SphereMark sphere = sphereOf(snapshot, i);
            nodes.add(new NetworkDrawing.Node(network.memberIds().get(i), network.displayNames().get(i),
                    influence == null ? 0 : influence.score(i), sphere.sphere(), sphere.bridge(),
                    positions.x()[i], positions.y()[i]));
        }
        // Least influential first, so that a browser paints the most influential on top; ties by id,
        // so the order is the same for the same snapshot.
        nodes.sort(Comparator.comparingDouble(NetworkDrawing.Node::influence)
                .thenComparing(NetworkDrawing.Node::memberId));
        return new Drawn(network.version(), snapshot.computedAt(), List.copyOf(nodes), edges);
    }

    /** A member's sphere of influence and whether they bridge spheres; both null when not known. */
    record SphereMark(Integer sphere, Boolean bridge) {

        static final SphereMark UNKNOWN = new SphereMark(null, null);
    }

    /**
     * Where spheres reach the drawing: the sphere engine's partition of this snapshot, for node
     * {@code node}; unknown for a member in no sphere (no tie) or a snapshot without spheres.
     */
    static SphereMark sphereOf(ReputationSnapshot snapshot, int node) {
        Spheres spheres = snapshot.spheres();
        int sphere = spheres == null ? 0 : spheres.sphereOf(node);
        return sphere > 0 ? new SphereMark(sphere, spheres.isBridge(node)) : SphereMark.UNKNOWN;
    }

    /** Positive trust and confirmed giving, one edge per ordered pair, by truster or giver then other member. */
    private static List<NetworkDrawing.Edge> edges(FrozenNetwork network) {
        WeightedDigraph trust = network.positiveTrust();
        WeightedDigraph giving = network.giving();
        List<String> members = network.memberIds();
        List<NetworkDrawing.Edge> edges = new ArrayList<>(trust.edgeCount() + giving.edgeCount());
        List<String> trustOnly = List.of(NetworkDrawing.TRUSTS);
        List<String> gaveOnly = List.of(NetworkDrawing.GAVE);
        List<String> both = List.of(NetworkDrawing.TRUSTS, NetworkDrawing.GAVE);
        for (int from = 0; from < network.memberCount(); from++) {
            Map<Integer, Boolean> gaveTo = new HashMap<>();
            for (int receiver : giving.successors(from)) {
                gaveTo.put(receiver, Boolean.TRUE);
            }
            for (int trustee : trust.successors(from)) {
                boolean gave = gaveTo.remove(trustee) != null;
                edges.add(new NetworkDrawing.Edge(members.get(from), members.get(trustee), gave ? both : trustOnly));
            }
            for (int receiver : giving.successors(from)) {
                if (gaveTo.containsKey(receiver)) {
                    edges.add(new NetworkDrawing.Edge(members.get(from), members.get(receiver), gaveOnly));
                }
            }
        }
        return List.copyOf(edges);
    }
}
