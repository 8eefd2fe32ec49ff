package org.contributionledger.query.reputation;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.contributionledger.query.reputation.graph.InfluenceResult;
import org.contributionledger.query.reputation.spheres.Spheres;

/**
 * The spheres of influence of one {@link ReputationSnapshot}, found on first need and then kept.
 * <p>
 * Finding them (Leiden, betweenness, influence within each sphere) costs many times the influence
 * computation on a large community (Bitcoin OTC: about 20 times), so it is kept off the thread that
 * recomputes influence: {@link SnapshotWarmUp} finds them in the background once the snapshot is
 * published, or the first read that needs them does. The work is done under the community's
 * {@code communityLock}, so a community finds one snapshot's spheres at a time: concurrent readers
 * wait for the finding under way and then use it, never repeat it.
 */
final class SnapshotSpheres {

    private final FrozenNetwork network;
    private final InfluenceResult overall;
    private final Object communityLock;
    /** Told of each finding, before it starts: {@link ReputationSnapshots#spheresFindings()} counts them. */
    private final Runnable onFinding;
    private volatile Found found;

    /** The spheres, or why they could not be found, and how long finding them took. */
    private record Found(Spheres spheres, String failure, long computeMillis) {
    }

    SnapshotSpheres(FrozenNetwork network, InfluenceResult overall, Object communityLock, Runnable onFinding) {
        this.network = network;
        this.overall = overall;
        this.communityLock = communityLock;
        this.onFinding = onFinding;
    }

    /** @throws ReputationUnavailable when the sphere engine failed on this snapshot's network */
    Spheres spheres() {
        Found result = found();
        if (result.failure() != null) {
            throw new ReputationUnavailable(network.communityId(), result.failure());
        }
        return result.spheres();
    }

    /** How long finding the spheres took, wherever they were found (finding them first if needed). */
    long computeMillis() {
        return found().computeMillis();
    }

    /** True once the spheres are found; never waits. */
    boolean isFound() {
        return found != null;
    }

    private Found found() {
        Found result = found;
        if (result != null) {
            return result;
        }
        synchronized (communityLock) {
            if (found == null) {
                onFinding.run();
                found = find();
            }
            return found;
        }
    }

    private Found find() {
        long start = System.nanoTime();
        try {
            Spheres spheres = Spheres.of(network.overall(), network.contacts(),
                    overall == null ? null : overall.scores(), network.alpha(), idOrder(network.memberIds()));
            return new Found(spheres, null, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException failure) {
            // Kept like a result: the same network would fail the same way at every read.
            return new Found(null, "its spheres could not be found: " + failure, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Each node's rank in the order of member ids: of two spheres of one size, the smallest id's comes first. */
    private static int[] idOrder(List<String> memberIds) {
        int[] byId = IntStream.range(0, memberIds.size()).boxed()
                .sorted(Comparator.comparing(memberIds::get))
                .mapToInt(Integer::intValue).toArray();
        int[] order = new int[byId.length];
        for (int rank = 0; rank < byId.length; rank++) {
            order[byId[rank]] = rank;
        }
        return order;
    }
}
