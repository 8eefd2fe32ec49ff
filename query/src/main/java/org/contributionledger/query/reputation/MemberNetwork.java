package org.contributionledger.query.reputation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.contributionledger.query.asof.AsOf;
import org.contributionledger.query.reciprocity.Flow;

/**
 * One member's network: the members they are tied to, how influential those are (quality), how
 * trust runs between them (character), how much of the influence in a category they hold
 * (relevance), what was given and received with each (balance), and whom to meet next through
 * whom. Every formula is in docs/reputation.md, "My network". Influence figures come from the
 * reputation snapshot named by {@code freshness}; the balance from the confirmed acts recorded so far.
 *
 * @param category  the category asked for, or null (relevance then covers the categories the member
 *                  received most in, and whom to meet is ranked over all categories)
 * @param since     the start of the balance's window, or null for all time
 * @param relevance one entry per category, in the order chosen (the category asked for, or the
 *                  member's most received categories, most value first)
 * @param whoToMeet at most {@value MemberNetworkQueries#WHO_TO_MEET} members, best first
 * @param asOf      null in a live answer; for {@code ?asOf=}, the instant asked and the position it resolved to
 */
public record MemberNetwork(String communityId, String memberId, String displayName, String category, Instant since,
                            Contacts contacts, NetworkQuality quality, NetworkCharacter character,
                            List<CategoryRelevance> relevance, NetworkBalance balance, List<MemberToMeet> whoToMeet,
                            SpheresSpanned spheresSpanned, Freshness freshness, AsOf asOf) {

    /** This answer, stated as of a past position. */
    public MemberNetwork withAsOf(AsOf at) {
        return new MemberNetwork(communityId, memberId, displayName, category, since, contacts, quality, character,
                relevance, balance, whoToMeet, spheresSpanned, freshness, at);
    }

    /** How a member is tied to a contact: positive trust either way, confirmed acts either way. */
    public enum TieKind {
        /** The member trusts the contact (a level above zero). */
        TRUSTS,
        /** The contact trusts the member. */
        TRUSTED_BY,
        /** The member gave the contact a confirmed act. */
        GAVE,
        /** The member received a confirmed act from the contact. */
        RECEIVED
    }

    /**
     * The members tied to this member, and how many are tied each way.
     *
     * @param count        contacts, each counted once however many ways they are tied
     * @param trusts       contacts the member trusts
     * @param trustedBy    contacts who trust the member
     * @param gaveTo       contacts the member gave confirmed acts to
     * @param receivedFrom contacts the member received confirmed acts from
     * @param members      every contact, most influential first (then by member id)
     */
    public record Contacts(int count, int trusts, int trustedBy, int gaveTo, int receivedFrom, List<Contact> members) {
    }

    /**
     * @param kinds     the ways they are tied, in the order of {@link TieKind}
     * @param influence the contact's overall influence (a score of the leaderboard)
     * @param sphere    the contact's sphere of influence; null when they are in none
     */
    public record Contact(String memberId, String displayName, List<TieKind> kinds, double influence, Integer sphere) {
    }

    /**
     * How influential the contacts are.
     *
     * @param meanInfluence   mean of the contacts' overall influence; null without contacts
     * @param medianInfluence median of the same (the mean of the middle two for an even count); null without contacts
     * @param influenceShare  the contacts' influence over everyone's: 0..1
     * @param percentile      100 × the members whose {@code influenceShare} is lower, over the other
     *                        members: 0..100 (0 when the member is alone)
     */
    public record NetworkQuality(Double meanInfluence, Double medianInfluence, double influenceShare,
                                 double percentile) {
    }

    /**
     * How trust runs between the member and the others. Trust counts only positive levels; the
     * weights are the summed levels.
     *
     * @param reciprocatedTrust share of the members they trust who trust them back; null when they trust nobody
     * @param distrustReceived  members whose trust in them is negative
     * @param trustedNotBack    members they trust who do not trust them, most influential first
     * @param trustedByNotBack  members who trust them whom they do not trust, most influential first
     */
    public record NetworkCharacter(int trustsGiven, int trustedBy, Double reciprocatedTrust, int trustWeightGiven,
                                   int trustWeightReceived, int distrustReceived, List<MemberRef> trustedNotBack,
                                   List<MemberRef> trustedByNotBack) {
    }

    /** A member by id and display name (null when they have none). */
    public record MemberRef(String memberId, String displayName) {
    }

    /**
     * @param influenceShare the contacts' influence in the category over everyone's in it: 0..1;
     *                       null when the category has no data of its own (no confirmed act in it and
     *                       no trust declared for it), whose influence would only repeat the trust
     *                       declared for all categories
     */
    public record CategoryRelevance(String category, Double influenceShare) {
    }

    /**
     * Value given and received in confirmed acts that occurred at or after {@code since}.
     *
     * @param balance        given value − received value
     * @param perContact     every partner in the window, most influential first (then by member id)
     * @param keepTakingFrom partners the member received from and gave nothing or less than the
     *                       community's {@code takerBelowRatio} times as much, largest received − given first
     * @param neverGaveBack  partners the member gave to who gave the member nothing, largest given first
     */
    public record NetworkBalance(Instant since, Flow given, Flow received, BigDecimal balance,
                                 List<PartnerBalance> perContact, List<PartnerBalance> keepTakingFrom,
                                 List<PartnerBalance> neverGaveBack) {
    }

    /**
     * The window's acts between the member and one partner.
     *
     * @param given    what the member gave the partner
     * @param received what the member received from the partner
     * @param balance  given value − received value
     */
    public record PartnerBalance(String memberId, String displayName, Flow given, Flow received, BigDecimal balance) {
    }

    /**
     * A member two hops away, not tied to the member yet.
     *
     * @param score       their influence from the member's point of view (the {@code influencers}
     *                    equation with {@code p} = the member alone)
     * @param introducers the member's contacts tied to them, best first: most mutual trust with the
     *                    member, then most trust in them, then by member id
     */
    public record MemberToMeet(String memberId, String displayName, double score, List<Introducer> introducers) {
    }

    /**
     * @param mutualTrust   the lower of the member's trust level in the introducer and the
     *                      introducer's in the member; 0 when either does not trust the other
     * @param trustInTarget the introducer's trust level in the member to meet; 0 without trust
     */
    public record Introducer(String memberId, String displayName, int mutualTrust, int trustInTarget) {
    }

    /** The distinct spheres of influence the contacts are in, ascending. */
    public record SpheresSpanned(int count, List<Integer> spheres) {
    }
}
