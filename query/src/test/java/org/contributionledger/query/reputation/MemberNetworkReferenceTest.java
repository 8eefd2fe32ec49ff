package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.query.reputation.MemberNetwork.Contact;
import org.contributionledger.query.reputation.MemberNetwork.MemberRef;
import org.contributionledger.query.reputation.MemberNetwork.MemberToMeet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A member's network on Bitcoin OTC, fed as trust declarations (as the importer does), against what
 * networkx computes for five members chosen by rule (top, median, low-degree, unreciprocated,
 * distrusted): src/test/resources/reference/network/make_network_reference.py, whose docstring gives
 * the conventions. Scores agree within 1e-9 (both solvers stop within about 6e-10 of the fixed
 * point); lists are compared in order, except that members whose expected scores differ by less
 * than 1e-9, which the two floating-point computations cannot order alike, would be compared as a
 * set (the reference has none: its only close scores are equal ones, ranked by member id on both sides).
 */
class MemberNetworkReferenceTest {

    private static final String OTC = "otc";
    private static final double SCORE_TOLERANCE = 1e-9;

    private static NetworkLedger ledger;
    private static JsonNode reference;
    /** Every member's contacts by positive trust either way, from the file itself. */
    private static final Map<String, Set<String>> CONTACTS = new HashMap<>();

    @BeforeAll
    static void importBitcoinOtc() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                MemberNetworkReferenceTest.class.getResourceAsStream("/reference/soc-sign-bitcoinotc.csv"),
                StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.isBlank()).forEach(line -> rows.add(line.split(",")));
        }
        ledger = new NetworkLedger(OTC, CommunitySettings.defaults());
        TreeSet<Integer> members = new TreeSet<>();
        rows.forEach(row -> {
            members.add(Integer.parseInt(row[0]));
            members.add(Integer.parseInt(row[1]));
        });
        for (int member : members) {
            ledger.member(String.valueOf(member), null);
            CONTACTS.put(String.valueOf(member), new HashSet<>());
        }
        for (String[] row : rows) {
            int rating = Integer.parseInt(row[2]);
            ledger.trust(row[0], row[1], rating);
            if (rating > 0) {
                CONTACTS.get(row[0]).add(row[1]);
                CONTACTS.get(row[1]).add(row[0]);
            }
        }
        try (InputStream json = MemberNetworkReferenceTest.class
                .getResourceAsStream("/reference/network/otc_network.json")) {
            reference = new ObjectMapper().readTree(json);
        }
    }

    @AfterAll
    static void dropTheDatabase() {
        ledger.close();
    }

    static Stream<String> members() {
        List<String> members = new ArrayList<>();
        reference().path("members").forEach(member -> members.add(member.path("member").asText()));
        return members.stream();
    }

    /** The reference document, read for the parameter source before {@link #importBitcoinOtc} runs. */
    private static JsonNode reference() {
        try (InputStream json = MemberNetworkReferenceTest.class
                .getResourceAsStream("/reference/network/otc_network.json")) {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expected(String member) {
        for (JsonNode answer : reference.path("members")) {
            if (answer.path("member").asText().equals(member)) {
                return answer;
            }
        }
        throw new IllegalArgumentException(member);
    }

    private static MemberNetwork network(String member) {
        return ledger.network(member, null, null).orElseThrow();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.isTextual() ? node.asText() : node.path("member").asText()));
        return texts;
    }

    /**
     * The first {@code compared} of {@code actual} in the order of {@code expected}, where runs of
     * expected scores within the tolerance of their neighbours may come in any order; a run that
     * the cut at {@code compared} splits must supply the members the cut keeps.
     */
    private static void assertOrder(List<String> actual, List<String> expected, List<Double> expectedScores,
                                    int compared, String what) {
        assertThat(actual).as("%s: how many", what).hasSize(Math.min(compared, expected.size()));
        int start = 0;
        while (start < actual.size()) {
            int end = start + 1;
            while (end < expected.size() && nearlyTied(expectedScores.get(end - 1), expectedScores.get(end))) {
                end++;
            }
            if (end - start == 1) {
                assertThat(actual.get(start)).as("%s at %d", what, start).isEqualTo(expected.get(start));
            } else {
                List<String> kept = actual.subList(start, Math.min(end, actual.size()));
                assertThat(expected.subList(start, end)).as("%s, tied within 1e-9 from %d", what, start)
                        .containsAll(kept);
                assertThat(kept).doesNotHaveDuplicates();
            }
            start = end;
        }
    }

    /**
     * Different scores closer than the tolerance. Equal scores are not: both sides rank them by member
     * id, and members networkx scores alike (say, two members nobody trusts) the engine scores alike
     * to the bit, by the same arithmetic.
     */
    private static boolean nearlyTied(double higher, double lower) {
        return higher != lower && higher - lower < SCORE_TOLERANCE;
    }

    private static List<Double> scores(JsonNode array, String field) {
        List<Double> scores = new ArrayList<>();
        array.forEach(node -> scores.add(node.path(field).asDouble()));
        return scores;
    }

    @Test
    void theReferenceCoversFiveMembersChosenByRule() {
        assertThat(reference.path("memberCount").asInt()).isEqualTo(5881);
        assertThat(texts(reference.path("members")).stream().map(member -> expected(member).path("rule").asText()))
                .containsExactly("top", "median", "low-degree", "unreciprocated", "distrusted");
        assertThat(members()).doesNotHaveDuplicates().hasSize(5);
    }

    @ParameterizedTest
    @MethodSource("members")
    void contactsAreThoseOfNetworkxWithTheirKindsAndInfluence(String member) {
        JsonNode expected = expected(member).path("contacts");
        MemberNetwork.Contacts contacts = network(member).contacts();

        assertThat(contacts.count()).isEqualTo(expected.size());
        List<String> actual = contacts.members().stream().map(Contact::memberId).toList();
        assertOrder(actual, texts(expected), scores(expected, "influence"), Integer.MAX_VALUE, member + " contacts");
        Map<String, JsonNode> byId = new HashMap<>();
        expected.forEach(contact -> byId.put(contact.path("member").asText(), contact));
        for (Contact contact : contacts.members()) {
            JsonNode want = byId.get(contact.memberId());
            assertThat(contact.kinds().stream().map(Enum::name).toList()).as("%s: %s", member, contact.memberId())
                    .containsExactlyElementsOf(texts(want.path("kinds")));
            assertThat(contact.influence()).isCloseTo(want.path("influence").asDouble(), within(SCORE_TOLERANCE));
        }
        assertThat(contacts.trusts() + contacts.trustedBy()).isGreaterThanOrEqualTo(contacts.count());
        assertThat(contacts.gaveTo() + contacts.receivedFrom()).as("no acts in OTC").isZero();
    }

    @ParameterizedTest
    @MethodSource("members")
    void qualityFiguresAreThoseOfNetworkx(String member) {
        JsonNode expected = expected(member).path("quality");
        MemberNetwork.NetworkQuality quality = network(member).quality();

        assertThat(quality.meanInfluence()).isCloseTo(expected.path("meanInfluence").asDouble(), within(SCORE_TOLERANCE));
        assertThat(quality.medianInfluence())
                .isCloseTo(expected.path("medianInfluence").asDouble(), within(SCORE_TOLERANCE));
        assertThat(quality.influenceShare())
                .isCloseTo(expected.path("influenceShare").asDouble(), within(SCORE_TOLERANCE));
        assertThat(quality.percentile()).as("%s percentile", member)
                .isBetween(expected.path("percentileLow").asDouble(), expected.path("percentileHigh").asDouble());
    }

    @ParameterizedTest
    @MethodSource("members")
    void characterIsThatOfNetworkx(String member) {
        JsonNode expected = expected(member).path("character");
        MemberNetwork.NetworkCharacter character = network(member).character();

        assertThat(character.trustsGiven()).isEqualTo(expected.path("trustsGiven").asInt());
        assertThat(character.trustedBy()).isEqualTo(expected.path("trustedBy").asInt());
        if (expected.path("reciprocatedTrust").isNull()) {
            assertThat(character.reciprocatedTrust()).isNull();
        } else {
            assertThat(character.reciprocatedTrust())
                    .isCloseTo(expected.path("reciprocatedTrust").asDouble(), within(1e-15));
        }
        assertThat(character.trustWeightGiven()).isEqualTo(expected.path("trustWeightGiven").asInt());
        assertThat(character.trustWeightReceived()).isEqualTo(expected.path("trustWeightReceived").asInt());
        assertThat(character.distrustReceived()).isEqualTo(expected.path("distrustReceived").asInt());
        assertThat(character.trustedNotBack().stream().map(MemberRef::memberId).toList())
                .containsExactlyInAnyOrderElementsOf(texts(expected.path("trustedNotBack")));
        assertThat(character.trustedByNotBack().stream().map(MemberRef::memberId).toList())
                .containsExactlyInAnyOrderElementsOf(texts(expected.path("trustedByNotBack")));
    }

    @ParameterizedTest
    @MethodSource("members")
    void whoToMeetAndTheirIntroducersAreThoseOfNetworkx(String member) {
        JsonNode expected = expected(member).path("whoToMeet");
        List<MemberToMeet> whoToMeet = network(member).whoToMeet();

        assertOrder(whoToMeet.stream().map(MemberToMeet::memberId).toList(), texts(expected), scores(expected, "score"),
                MemberNetworkQueries.WHO_TO_MEET, member + " who to meet");
        Map<String, JsonNode> byId = new HashMap<>();
        expected.forEach(target -> byId.put(target.path("member").asText(), target));
        for (MemberToMeet target : whoToMeet) {
            JsonNode want = byId.get(target.memberId());
            String what = member + " meets " + target.memberId();
            assertThat(target.score()).as(what).isCloseTo(want.path("score").asDouble(), within(SCORE_TOLERANCE));
            List<String> introducers = new ArrayList<>();
            target.introducers().forEach(introducer -> {
                introducers.add(introducer.memberId() + " " + introducer.mutualTrust() + " " + introducer.trustInTarget());
            });
            List<String> wanted = new ArrayList<>();
            want.path("introducers").forEach(introducer -> wanted.add(introducer.path("member").asText() + " "
                    + introducer.path("mutualTrust").asInt() + " " + introducer.path("trustInTarget").asInt()));
            assertThat(introducers).as(what + ": introducers").containsExactlyElementsOf(wanted);
        }
    }

    /**
     * The percentile and share, recomputed here from the leaderboard's scores and the contacts read
     * from the file: the network quality ranks members by the same influence the leaderboard shows.
     */
    @Test
    void thePercentileIsConsistentWithTheLeaderboard() {
        Map<String, Double> influence = new HashMap<>();
        int total;
        int offset = 0;
        do {
            Leaderboard page = ledger.reputation().queries()
                    .handle(new FindLeaderboard(OTC, null, FindLeaderboard.MAX_LIMIT, offset)).orElseThrow();
            page.entries().forEach(entry -> influence.put(entry.memberId(), entry.score()));
            total = page.total();
            offset += FindLeaderboard.MAX_LIMIT;
        } while (offset < total);
        assertThat(influence).hasSize(5881);
        double all = influence.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> share = new HashMap<>();
        CONTACTS.forEach((member, contacts) -> share.put(member,
                contacts.stream().mapToDouble(influence::get).sum() / all));

        long start = System.nanoTime();
        members().forEach(member -> network(member));
        System.out.printf("bitcoinotc network: 5 answers in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        members().forEach(member -> {
            MemberNetwork.NetworkQuality quality = network(member).quality();
            double mine = share.get(member);
            assertThat(quality.influenceShare()).as(member).isCloseTo(mine, within(1e-12));
            // Sums of the same scores in another order differ in the last bits only.
            long lowest = share.values().stream().filter(other -> other < mine - 1e-12).count();
            long highest = share.values().stream().filter(other -> other < mine + 1e-12).count();
            assertThat(quality.percentile()).as("%s percentile", member)
                    .isBetween(100.0 * lowest / 5880, 100.0 * highest / 5880);
        });
    }
}
