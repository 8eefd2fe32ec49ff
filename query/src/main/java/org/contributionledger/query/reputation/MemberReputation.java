package org.contributionledger.query.reputation;

import java.util.List;
import java.util.Map;

import org.contributionledger.query.asof.AsOf;

/**
 * Everything the ledger says about one member's standing.
 *
 * @param influence  trust-weighted influence in the whole community
 * @param byCategory influence within each category (relevance: who matters for what)
 * @param breadth    whom they give to and receive from, in how many categories, how evenly
 * @param reach      distinct members within two hops, over acts and positive trust, either direction
 * @param character  how much of their trust is returned, and how much distrust they receive
 * @param byCategory influence within each category (relevance: who matters for what); a category
 *                   without data of its own says so rather than repeat the all-category trust
 * @param topSources   the members their influence flows from most, largest first
 * @param otherSources the members it flows from who are not in {@code topSources}, together
 * @param scoreParts   where the score comes from: members who trust them, members who trust nobody
 *                     (their share is spread over p), and the teleport share alpha * p. What is
 *                     shown adds up: {@code Σ topSources.contribution + otherSources.contribution
 *                     = scoreParts.fromMembers}, and {@code fromMembers + fromMembersWhoTrustNobody +
 *                     fromTeleport + solverResidual = influence.score}
 * @param sphere       where they stand among the community's spheres of influence, from the newest snapshot
 *                     whose spheres are found (so the read never waits for them); null while they have
 *                     no tie in that snapshot
 * @param asOf         null in a live answer; for {@code ?asOf=}, the instant asked and the position it resolved to
 */
public record MemberReputation(String communityId, String memberId, String displayName, Influence influence,
                               Map<String, CategoryInfluence> byCategory, Breadth breadth, int reach,
                               TrustCharacter character, List<InfluenceSource> topSources, OtherSources otherSources,
                               ScoreParts scoreParts, SphereStanding sphere, Freshness freshness, AsOf asOf) {

    /** This answer, stated as of a past position. */
    public MemberReputation withAsOf(AsOf at) {
        return new MemberReputation(communityId, memberId, displayName, influence, byCategory, breadth, reach, character,
                topSources, otherSources, scoreParts, sphere, freshness, at);
    }

    /**
     * A member's place among the spheres (docs/reputation.md, "Spheres of influence").
     *
     * @param sphere        their sphere's number (1 is the largest)
     * @param participation how evenly their ties spread over the spheres: 0 when all stay in one
     * @param betweenness   the share of shortest paths between other members that pass through them
     * @param bridge        whether they bridge spheres
     * @param spheresTied   the spheres their ties reach, their own included, ascending
     * @param computedVersion the version of the network these spheres were found in: it may be older
     *                        than {@code freshness.computedVersion} while the newest spheres are found
     */
    public record SphereStanding(int sphere, double participation, double betweenness, boolean bridge,
                                 List<Integer> spheresTied, long computedVersion) {
    }

    /**
     * Influence within one category. {@code hasData} is false when the community has no confirmed
     * act in the category and no trust declared for it: its graph is then only the trust declared
     * for all categories, which says nothing about the category, so the figures are null.
     */
    public record CategoryInfluence(boolean hasData, Double score, Double relativeScore, Integer rank,
                                    Double percentile) {

        static CategoryInfluence of(Influence influence) {
            return new CategoryInfluence(true, influence.score(), influence.relativeScore(), influence.rank(),
                    influence.percentile());
        }

        static CategoryInfluence noData() {
            return new CategoryInfluence(false, null, null, null, null);
        }
    }

    /**
     * @param count        how many members trust them who are not in {@code topSources}
     * @param contribution the sum of those members' contributions (0 when count is 0)
     */
    public record OtherSources(int count, double contribution) {
    }

    /**
     * @param givenTo          members this member gave confirmed acts to
     * @param receivedFrom     members this member received confirmed acts from
     * @param partners         distinct members in either direction
     * @param categories       categories of their confirmed acts, given or received
     * @param partnerDiversity Shannon diversity (natural log) of the value exchanged with each partner:
     *                         0 when all of it is with one partner, ln(k) when spread evenly over k
     */
    public record Breadth(int givenTo, int receivedFrom, int partners, List<String> categories,
                          double partnerDiversity) {
    }

    /**
     * @param reciprocatedTrust share of the members they trust (positively) who trust them back; null when they trust nobody
     * @param trusts            members they trust positively
     * @param trustedBy         members who trust them positively
     * @param distrustReceived  members whose trust in them is negative
     */
    public record TrustCharacter(Double reciprocatedTrust, int trusts, int trustedBy, int distrustReceived) {
    }

    /** {@code contribution} = (1 - alpha) * t_j * c_ji: the part of this member's score that flows from {@code memberId}. */
    public record InfluenceSource(String memberId, String displayName, double contribution, double trustShare,
                                  double sourceScore) {
    }

    /**
     * @param solverResidual score - (fromMembers + fromMembersWhoTrustNobody + fromTeleport): how far
     *                       from its fixed point the iteration stopped, within its tolerance (1e-10)
     */
    public record ScoreParts(double fromMembers, double fromMembersWhoTrustNobody, double fromTeleport,
                             double solverResidual) {
    }
}
