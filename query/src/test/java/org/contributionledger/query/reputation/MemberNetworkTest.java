package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.contributionledger.query.reputation.MemberNetwork.TieKind.GAVE;
import static org.contributionledger.query.reputation.MemberNetwork.TieKind.RECEIVED;
import static org.contributionledger.query.reputation.MemberNetwork.TieKind.TRUSTED_BY;
import static org.contributionledger.query.reputation.MemberNetwork.TieKind.TRUSTS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.contribution.UnknownCategory;
import org.contributionledger.query.reciprocity.Flow;
import org.contributionledger.query.reputation.MemberNetwork.Contact;
import org.contributionledger.query.reputation.MemberNetwork.Introducer;
import org.contributionledger.query.reputation.MemberNetwork.MemberRef;
import org.contributionledger.query.reputation.MemberNetwork.MemberToMeet;
import org.contributionledger.query.reputation.MemberNetwork.PartnerBalance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member's network in a small community built by hand, whose answer is written out below. Maya is
 * the member asked about:
 * <pre>
 *   trust (level)      maya → vic 4 (not returned)       uma → maya 6 (not returned)
 *                      maya → ivy 9, ivy → maya 7        maya → ian 10, ian → maya 3
 *                      ivy → zoe 5, ian → zoe 10         zoe → far 8     tom → sam 6
 *                      rex → maya -5 (distrust: no tie)
 *   acts (confirmed)   cara → maya 12 advice (March)     maya → cara 2 help (March)
 *                      dan → maya 3 help (January)       maya → tom 8 help (March), 1 help (January)
 *   not confirmed      cara → maya 100 advice
 * </pre>
 * Cara is a contributor Maya keeps taking from, Dan gave and got nothing back, Tom takes from Maya
 * and never gave back, Uma trusts Maya unreturned, and Zoe, two hops away, is best met through Ivy
 * (mutual trust 7) rather than Ian (mutual trust 3), although Ian trusts Zoe more.
 */
class MemberNetworkTest {

    private static final String C = "makers";
    private static final Instant JANUARY = Instant.parse("2026-01-10T10:00:00Z");
    private static final Instant FEBRUARY = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant MARCH = Instant.parse("2026-03-10T10:00:00Z");
    private static final double SCORE = 1e-12;

    private NetworkLedger ledger;

    @BeforeEach
    void buildTheCommunity() {
        ledger = new NetworkLedger(C, CommunitySettings.defaults());
        for (String member : List.of("maya", "cara", "dan", "tom", "uma", "vic", "ivy", "ian", "zoe", "sam", "far",
                "rex")) {
            ledger.member(member, member.substring(0, 1).toUpperCase() + member.substring(1));
        }
        ledger.trust("maya", "vic", 4);
        ledger.trust("uma", "maya", 6);
        ledger.trust("maya", "ivy", 9);
        ledger.trust("ivy", "maya", 7);
        ledger.trust("maya", "ian", 10);
        ledger.trust("ian", "maya", 3);
        ledger.trust("ivy", "zoe", 5);
        ledger.trust("ian", "zoe", 10);
        ledger.trust("zoe", "far", 8);
        ledger.trust("tom", "sam", 6);
        ledger.trust("rex", "maya", -5);
        ledger.give("a1", "cara", "maya", "advice", "12", MARCH);
        ledger.give("a2", "maya", "cara", "help", "2", MARCH.plusSeconds(3600));
        ledger.give("a3", "dan", "maya", "help", "3", JANUARY);
        ledger.give("a4", "maya", "tom", "help", "8", MARCH.minusSeconds(86_400));
        ledger.give("a5", "maya", "tom", "help", "1", JANUARY.plusSeconds(60));
        ledger.offer("a6", "cara", "maya", "advice", "100", MARCH);
    }

    @AfterEach
    void dropTheDatabase() {
        ledger.close();
    }

    private MemberNetwork network(String member, String category, Instant since) {
        return ledger.network(member, category, since).orElseThrow();
    }

    private static List<String> ids(List<?> entries) {
        List<String> ids = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Contact contact) {
                ids.add(contact.memberId());
            } else if (entry instanceof MemberRef ref) {
                ids.add(ref.memberId());
            } else if (entry instanceof PartnerBalance partner) {
                ids.add(partner.memberId());
            } else if (entry instanceof MemberToMeet target) {
                ids.add(target.memberId());
            } else {
                throw new IllegalArgumentException("No member id in " + entry);
            }
        }
        return ids;
    }

    private static void assertFlow(Flow flow, long count, String value) {
        assertThat(flow.count()).as("count").isEqualTo(count);
        assertThat(flow.value()).as("value").isEqualByComparingTo(value);
    }

    private static void assertPartner(PartnerBalance partner, String id, long givenCount, String given,
                                      long receivedCount, String received, String balance) {
        assertThat(partner.memberId()).isEqualTo(id);
        assertFlow(partner.given(), givenCount, given);
        assertFlow(partner.received(), receivedCount, received);
        assertThat(partner.balance()).as("%s balance", id).isEqualByComparingTo(balance);
    }

    /** Every member's overall influence, from the leaderboard of the same snapshot. */
    private Map<String, Double> leaderboard(String category) {
        Leaderboard board = ledger.reputation().queries().handle(new FindLeaderboard(C, category, 100, 0)).orElseThrow();
        Map<String, Double> scores = new HashMap<>();
        board.entries().forEach(entry -> scores.put(entry.memberId(), entry.score()));
        return scores;
    }

    private static double sum(Map<String, Double> scores, List<String> members) {
        return members.stream().mapToDouble(scores::get).sum();
    }

    // ---- contacts, quality, character ----

    @Test
    void contactsAreTheMembersTiedByPositiveTrustOrAConfirmedActEitherWayWithTheirKinds() {
        MemberNetwork maya = network("maya", null, null);

        assertThat(maya.displayName()).isEqualTo("Maya");
        MemberNetwork.Contacts contacts = maya.contacts();
        assertThat(contacts.count()).isEqualTo(7);
        assertThat(contacts.trusts()).as("vic, ivy, ian").isEqualTo(3);
        assertThat(contacts.trustedBy()).as("uma, ivy, ian").isEqualTo(3);
        assertThat(contacts.gaveTo()).as("cara, tom").isEqualTo(2);
        assertThat(contacts.receivedFrom()).as("cara, dan").isEqualTo(2);
        Map<String, List<MemberNetwork.TieKind>> kinds = new HashMap<>();
        contacts.members().forEach(contact -> kinds.put(contact.memberId(), contact.kinds()));
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of(
                "vic", List.of(TRUSTS),
                "uma", List.of(TRUSTED_BY),
                "ivy", List.of(TRUSTS, TRUSTED_BY),
                "ian", List.of(TRUSTS, TRUSTED_BY),
                "cara", List.of(GAVE, RECEIVED),
                "dan", List.of(RECEIVED),
                "tom", List.of(GAVE)));
        assertThat(ids(contacts.members())).as("rex only distrusts her; zoe, sam and far are further away")
                .doesNotContain("rex", "zoe", "sam", "far");

        Map<String, Double> influence = leaderboard(null);
        for (Contact contact : contacts.members()) {
            assertThat(contact.influence()).as(contact.memberId()).isEqualTo(influence.get(contact.memberId()));
            assertThat(contact.displayName()).isEqualToIgnoringCase(contact.memberId());
        }
        assertThat(contacts.members()).extracting(Contact::influence).as("most influential first")
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void qualityIsTheContactsInfluenceAndItsPercentileAmongAllMembers() {
        MemberNetwork maya = network("maya", null, null);
        Map<String, Double> influence = leaderboard(null);
        List<String> contacts = ids(maya.contacts().members());
        double[] scores = contacts.stream().mapToDouble(influence::get).sorted().toArray();

        assertThat(maya.quality().meanInfluence()).isCloseTo(sum(influence, contacts) / 7, within(SCORE));
        assertThat(maya.quality().medianInfluence()).as("the 4th of 7").isEqualTo(scores[3]);
        assertThat(maya.quality().influenceShare()).isCloseTo(sum(influence, contacts), within(SCORE));
        // Seven of the twelve members are Maya's contacts: no other member's contacts hold as much.
        assertThat(maya.quality().percentile()).isEqualTo(100.0);

        MemberNetwork rex = network("rex", null, null);
        assertThat(rex.contacts().count()).as("distrust is no tie").isZero();
        assertThat(rex.quality().meanInfluence()).isNull();
        assertThat(rex.quality().medianInfluence()).isNull();
        assertThat(rex.quality().influenceShare()).isZero();
        assertThat(rex.quality().percentile()).as("nobody's contacts hold less").isZero();

        MemberNetwork ian = network("ian", null, null);
        assertThat(ids(ian.contacts().members())).containsExactlyInAnyOrder("maya", "zoe");
        assertThat(ian.quality().medianInfluence()).as("the mean of the middle two")
                .isCloseTo((influence.get("maya") + influence.get("zoe")) / 2, within(SCORE));
        MemberNetwork ivy = network("ivy", null, null);
        assertThat(ivy.quality().percentile()).as("the same contacts: the same share, not lower")
                .isEqualTo(ian.quality().percentile());
    }

    @Test
    void characterCountsTrustBothWaysAndNamesWhoIsNotTrustedBack() {
        MemberNetwork.NetworkCharacter maya = network("maya", null, null).character();

        assertThat(maya.trustsGiven()).isEqualTo(3);
        assertThat(maya.trustedBy()).isEqualTo(3);
        assertThat(maya.reciprocatedTrust()).as("ivy and ian trust her back, vic does not").isEqualTo(2.0 / 3);
        assertThat(maya.trustWeightGiven()).as("4 + 9 + 10").isEqualTo(23);
        assertThat(maya.trustWeightReceived()).as("6 + 7 + 3").isEqualTo(16);
        assertThat(maya.distrustReceived()).as("rex").isEqualTo(1);
        assertThat(ids(maya.trustedNotBack())).containsExactly("vic");
        assertThat(ids(maya.trustedByNotBack())).containsExactly("uma");
        assertThat(maya.trustedByNotBack().get(0).displayName()).isEqualTo("Uma");

        assertThat(network("dan", null, null).character().reciprocatedTrust()).as("dan trusts nobody").isNull();
    }

    // ---- relevance ----

    @Test
    void relevanceCoversTheCategoriesMostReceivedOrTheOneAsked() {
        MemberNetwork maya = network("maya", null, null);
        List<String> contacts = ids(maya.contacts().members());

        // Received: advice 12 (cara), help 3 (dan); the 100 of advice offered is not confirmed.
        assertThat(maya.relevance()).extracting(MemberNetwork.CategoryRelevance::category)
                .containsExactly("advice", "help");
        assertThat(maya.relevance().get(0).influenceShare())
                .isCloseTo(sum(leaderboard("advice"), contacts), within(SCORE));
        assertThat(maya.relevance().get(1).influenceShare())
                .isCloseTo(sum(leaderboard("help"), contacts), within(SCORE));

        MemberNetwork forHelp = network("maya", "help", null);
        assertThat(forHelp.category()).isEqualTo("help");
        assertThat(forHelp.relevance()).extracting(MemberNetwork.CategoryRelevance::category).containsExactly("help");

        MemberNetwork forReferrals = network("maya", "referral", null);
        assertThat(forReferrals.relevance()).containsExactly(new MemberNetwork.CategoryRelevance("referral", null));

        assertThat(network("vic", null, null).relevance()).as("vic received nothing").isEmpty();
    }

    // ---- balance ----

    @Test
    void balanceOverAllTimeRanksWhoMayaKeepsTakingFromAndWhoNeverGaveBack() {
        MemberNetwork.NetworkBalance balance = network("maya", null, null).balance();

        assertThat(balance.since()).isNull();
        assertFlow(balance.given(), 3, "11");
        assertFlow(balance.received(), 2, "15");
        assertThat(balance.balance()).isEqualByComparingTo("-4");
        assertThat(ids(balance.perContact())).containsExactlyInAnyOrder("cara", "dan", "tom");
        Map<String, PartnerBalance> partners = new HashMap<>();
        balance.perContact().forEach(partner -> partners.put(partner.memberId(), partner));
        assertPartner(partners.get("cara"), "cara", 1, "2", 1, "12", "-10");
        assertPartner(partners.get("dan"), "dan", 0, "0", 1, "3", "-3");
        assertPartner(partners.get("tom"), "tom", 2, "9", 0, "0", "9");
        assertThat(partners.get("tom").displayName()).isEqualTo("Tom");
        // Cara gave 12 for 2 (a ratio of 0.17, below the taker threshold of 0.5), Dan 3 for nothing.
        assertThat(ids(balance.keepTakingFrom())).containsExactly("cara", "dan");
        assertThat(ids(balance.neverGaveBack())).containsExactly("tom");

        MemberNetwork.NetworkBalance tom = network("tom", null, null).balance();
        assertThat(ids(tom.keepTakingFrom())).as("tom keeps taking from maya").containsExactly("maya");
        assertThat(tom.neverGaveBack()).isEmpty();
    }

    @Test
    void balanceSinceAnInstantCountsOnlyTheActsThatOccurredFromThen() {
        MemberNetwork maya = network("maya", null, FEBRUARY);
        MemberNetwork.NetworkBalance balance = maya.balance();

        assertThat(maya.since()).isEqualTo(FEBRUARY);
        assertThat(balance.since()).isEqualTo(FEBRUARY);
        assertFlow(balance.given(), 2, "10");
        assertFlow(balance.received(), 1, "12");
        assertThat(balance.balance()).isEqualByComparingTo("-2");
        assertThat(ids(balance.perContact())).as("dan gave in January").containsExactlyInAnyOrder("cara", "tom");
        assertPartner(balance.perContact().stream().filter(p -> p.memberId().equals("tom")).findFirst().orElseThrow(),
                "tom", 1, "8", 0, "0", "8");
        assertThat(ids(balance.keepTakingFrom())).containsExactly("cara");
        assertThat(ids(balance.neverGaveBack())).containsExactly("tom");

        assertThat(maya.contacts().count()).as("the window is the balance's only").isEqualTo(7);
        assertThat(network("maya", null, Instant.parse("2026-06-01T00:00:00Z")).balance().perContact()).isEmpty();
    }

    @Test
    void neverGaveBackIsRankedByValueGivenAndKeepTakingFromByTheImbalance() {
        ledger.member("una", "Una");
        ledger.give("b1", "maya", "una", "help", "20", MARCH);
        ledger.give("b2", "una", "maya", "help", "1", MARCH);
        ledger.give("b3", "sam", "maya", "help", "30", MARCH);
        ledger.give("b4", "maya", "sam", "help", "14.5", MARCH);
        ledger.give("b5", "maya", "vic", "help", "5", MARCH);
        ledger.give("b6", "maya", "far", "help", "8", MARCH);

        MemberNetwork.NetworkBalance balance = network("maya", null, FEBRUARY).balance();

        // Una: given 20, received 1, so she gave something back. Far and Tom got 8 each (then by id), Vic 5.
        assertThat(ids(balance.neverGaveBack())).containsExactly("far", "tom", "vic");
        // Sam: 14.5 for 30 (a ratio of 0.48, below 0.5), 15.5 taken; Cara 10 taken.
        assertThat(ids(balance.keepTakingFrom())).containsExactly("sam", "cara");
        assertThat(balance.keepTakingFrom().get(0).balance()).isEqualByComparingTo("-15.5");
    }

    // ---- whom to meet ----

    @Test
    void whoToMeetIsTwoHopsAwayRankedByPersonalizedInfluenceWithTheRightIntroducerFirst() {
        MemberNetwork maya = network("maya", null, null);

        // far is three hops away (through zoe), rex has no tie: neither is proposed.
        assertThat(ids(maya.whoToMeet())).containsExactly("zoe", "sam");
        MemberToMeet zoe = maya.whoToMeet().get(0);
        assertThat(zoe.displayName()).isEqualTo("Zoe");
        assertThat(zoe.introducers()).containsExactly(
                new Introducer("ivy", "Ivy", 7, 5),
                new Introducer("ian", "Ian", 3, 10));
        Influencers influencers = ledger.reputation().queries().handle(new FindInfluencers(C, "maya", null, 100))
                .orElseThrow();
        double zoeFromMaya = influencers.entries().stream().filter(entry -> entry.memberId().equals("zoe"))
                .findFirst().orElseThrow().score();
        assertThat(zoe.score()).as("the influencers equation from maya").isEqualTo(zoeFromMaya).isPositive();
        MemberToMeet sam = maya.whoToMeet().get(1);
        assertThat(sam.score()).as("nothing maya trusts leads to tom, who trusts sam").isZero();
        assertThat(sam.introducers()).containsExactly(new Introducer("tom", "Tom", 0, 6));

        MemberNetwork forHelp = network("maya", "help", null);
        Influencers helpers = ledger.reputation().queries().handle(new FindInfluencers(C, "maya", "help", 100))
                .orElseThrow();
        assertThat(forHelp.whoToMeet().get(0).score()).as("for help, the help graph")
                .isEqualTo(helpers.entries().stream().filter(entry -> entry.memberId().equals("zoe"))
                        .findFirst().orElseThrow().score());
    }

    @Test
    void whoToMeetKeepsTheTwentyBestThenByMemberId() {
        // 25 members trusted by ivy: each two hops from maya, all with the same influence from her.
        for (int k = 10; k < 35; k++) {
            ledger.member("m" + k, null);
            ledger.trust("ivy", "m" + k, 5);
        }

        List<MemberToMeet> whoToMeet = network("maya", null, null).whoToMeet();

        assertThat(whoToMeet).hasSize(MemberNetworkQueries.WHO_TO_MEET);
        List<String> expected = new ArrayList<>(List.of("zoe"));
        for (int k = 10; k < 29; k++) {
            expected.add("m" + k);
        }
        assertThat(ids(whoToMeet)).as("zoe, trusted by ivy and ian, then the equals by id")
                .containsExactlyElementsOf(expected);
        assertThat(whoToMeet.get(1).displayName()).isNull();
    }

    // ---- spheres ----

    @Test
    void spheresSpannedAreTheDistinctSpheresOfTheContacts() {
        MemberNetwork maya = network("maya", null, null);

        TreeSet<Integer> spheres = new TreeSet<>();
        maya.contacts().members().forEach(contact -> {
            assertThat(contact.sphere()).as("%s is tied, so in a sphere", contact.memberId()).isNotNull();
            spheres.add(contact.sphere());
            MemberReputation reputation = ledger.reputation().queries()
                    .handle(new FindReputation(C, contact.memberId(), 0)).orElseThrow();
            assertThat(contact.sphere()).isEqualTo(reputation.sphere().sphere());
        });
        assertThat(maya.spheresSpanned().spheres()).containsExactlyElementsOf(spheres);
        assertThat(maya.spheresSpanned().count()).isEqualTo(spheres.size()).isPositive();
    }

    // ---- what is refused ----

    @Test
    void anUnknownMemberOrCommunityHasNoNetwork() {
        assertThat(ledger.network("nobody", null, null)).isEmpty();
        NetworkLedger elsewhere = new NetworkLedger("elsewhere", CommunitySettings.defaults());
        try {
            assertThat(elsewhere.network("maya", null, null)).as("maya is not a member there").isEmpty();
        } finally {
            elsewhere.close();
        }
    }

    @Test
    void anUnknownCategoryIsRefusedByName() {
        assertThatThrownBy(() -> ledger.network("maya", "gardening", null))
                .isInstanceOf(UnknownCategory.class)
                .hasMessageContaining("gardening").hasMessageContaining(C);
    }

    @Test
    void freshnessSaysWhichSnapshotAnswered() {
        MemberNetwork maya = network("maya", null, null);
        assertThat(maya.freshness().upToDate()).isTrue();
        assertThat(maya.asOf()).isNull();
        assertThat(maya.communityId()).isEqualTo(C);
        assertThat(maya.memberId()).isEqualTo("maya");
    }
}
