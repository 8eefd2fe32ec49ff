package org.contributionledger.query.reputation;

import java.util.List;
import java.util.Map;

/**
 * Everything the ledger says about one member's standing.
 *
 * @param influence  trust-weighted influence in the whole community
 * @param byCategory influence within each category (relevance: who matters for what)
 * @param breadth    whom they give to and receive from, in how many categories, how evenly
 * @param reach      distinct members within two hops, over acts and positive trust, either direction
 * @param character  how much of their trust is returned, and how much distrust they receive
 * @param topSources the members their influence flows from most, largest first
 * @param scoreParts where the score comes from: members who trust them, members who trust nobody
 *                   (their share is spread over p), and the teleport share alpha * p
 */
public record MemberReputation(String communityId, String memberId, Influence influence,
                               Map<String, Influence> byCategory, Breadth breadth, int reach, TrustCharacter character,
                               List<InfluenceSource> topSources, ScoreParts scoreParts, Freshness freshness) {

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
    public record InfluenceSource(String memberId, double contribution, double trustShare, double sourceScore) {
    }

    public record ScoreParts(double fromMembers, double fromMembersWhoTrustNobody, double fromTeleport) {
    }
}
