package org.contributionledger.query.reputation;

import java.util.List;

/**
 * A community's network ready to draw, from one reputation snapshot: every member with their overall
 * influence and a place on the plane, and every tie. Positions are computed by the ledger
 * ({@link org.contributionledger.query.reputation.layout.ForceDirectedLayout}), deterministic for a
 * snapshot, so a browser only paints them.
 *
 * @param nodes members, least influential first (so the most influential are painted on top)
 * @param edges ordered pairs of members with positive trust or a confirmed act from {@code from} to {@code to}
 */
public record NetworkDrawing(String communityId, List<Node> nodes, List<Edge> edges, Freshness freshness) {

    /** Kind of an edge: {@code from} trusts {@code to} (positive trust in force). */
    public static final String TRUSTS = "trusts";
    /** Kind of an edge: {@code from} gave {@code to} at least one confirmed act. */
    public static final String GAVE = "gave";

    /**
     * @param influence overall influence (EigenTrust score; all members' add up to 1)
     * @param sphere    the member's sphere of influence (1 is the largest); null until spheres are computed
     *                  or while the member has no tie
     * @param bridge    whether the member ties two or more spheres; null when {@code sphere} is
     * @param x         horizontal position in [0, 1000]
     * @param y         vertical position in [0, 1000]
     */
    public record Node(String memberId, String displayName, double influence, Integer sphere, Boolean bridge,
                       double x, double y) {
    }

    /** @param kinds {@value #TRUSTS}, {@value #GAVE} or both, in that order */
    public record Edge(String from, String to, List<String> kinds) {
    }
}
