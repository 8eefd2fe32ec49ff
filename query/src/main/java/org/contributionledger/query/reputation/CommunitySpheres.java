package org.contributionledger.query.reputation;

import java.util.List;

import org.contributionledger.query.asof.AsOf;

/**
 * A community's spheres of influence: the communities of the Leiden partition of its network of
 * trust and confirmed gifts (docs/reputation.md, "Spheres of influence").
 *
 * @param modularity       the modularity of the partition (resolution 1); 0 without ties
 * @param sphereCount      how many spheres; members without any tie are in none
 * @param betweennessExact false when the betweenness was estimated from a sample of members (large
 *                         communities)
 * @param spheres          largest first, numbered 1..sphereCount (a tie of size goes to the sphere
 *                         holding the smallest member id)
 * @param bridges          members whose ties reach two or more spheres and whose betweenness or
 *                         participation is high, highest betweenness first
 * @param computeMillis    how long finding these spheres took: once per snapshot, after its influence (by
 *                         the background warm-up, or the first read that needed them), apart from the
 *                         influence computation that {@code freshness.computeMillis} times
 * @param asOf             null in a live answer; for {@code ?asOf=}, the instant asked and the position
 *                         it resolved to
 */
public record CommunitySpheres(String communityId, double modularity, int sphereCount, boolean betweennessExact,
                               List<SphereSummary> spheres, List<SphereBridge> bridges, long computeMillis,
                               Freshness freshness, AsOf asOf) {

    /** This answer, stated as of a past position. */
    public CommunitySpheres withAsOf(AsOf at) {
        return new CommunitySpheres(communityId, modularity, sphereCount, betweennessExact, spheres, bridges,
                computeMillis, freshness, at);
    }

    /**
     * @param density        ties among its members (positive trust or a confirmed act, either way) over
     *                       the pairs of members; 0 for a sphere of one
     * @param influenceShare the sum of its members' influence in the whole community, a share of 1
     * @param leaders        its most influential members within the sphere, at most three
     */
    public record SphereSummary(int sphere, int size, double density, double influenceShare,
                                List<SphereLeader> leaders) {
    }

    /**
     * @param influence         influence in the whole community
     * @param influenceInSphere influence within the sphere (EigenTrust on the sphere alone), a share of 1
     */
    public record SphereLeader(String memberId, String displayName, double influence, double influenceInSphere) {
    }

    /**
     * @param sphere      the bridge's own sphere
     * @param spheresTied the spheres its ties reach, its own included, ascending
     */
    public record SphereBridge(String memberId, String displayName, int sphere, double participation,
                               double betweenness, List<Integer> spheresTied) {
    }
}
