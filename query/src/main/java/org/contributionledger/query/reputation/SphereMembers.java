package org.contributionledger.query.reputation;

import java.util.List;

import org.contributionledger.query.asof.AsOf;

/**
 * One sphere with all its members, most influential within the sphere first.
 *
 * @param asOf null in a live answer; for {@code ?asOf=}, the instant asked and the position it resolved to
 */
public record SphereMembers(String communityId, int sphere, int size, double density, double influenceShare,
                            List<MemberInSphere> members, Freshness freshness, AsOf asOf) {

    /** This answer, stated as of a past position. */
    public SphereMembers withAsOf(AsOf at) {
        return new SphereMembers(communityId, sphere, size, density, influenceShare, members, freshness, at);
    }

    /**
     * @param influence         influence in the whole community
     * @param influenceInSphere influence within the sphere, a share of 1
     * @param participation     how evenly the member's ties spread over the spheres (0: all in one)
     * @param bridge            whether the member bridges spheres (see {@link CommunitySpheres#bridges()})
     */
    public record MemberInSphere(String memberId, String displayName, double influence, double influenceInSphere,
                         double participation, boolean bridge) {
    }
}
