package org.contributionledger.api.spheres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A community with two obvious spheres and one bridge, written out:
 * <ul>
 *   <li>ann, amy, abe and art all trust each other at +5; so do ben, bea, bob and bud;</li>
 *   <li>ivy and ann, ivy and amy trust each other at +2; ivy and ben, ivy and bea at +1, so ivy is
 *       closer to the first group and joins its sphere, and every path between the groups runs
 *       through her;</li>
 *   <li>joe has no tie at all.</li>
 * </ul>
 */
class SpheresApiTest extends LedgerApiTest {

    private static final List<String> FIRST = List.of("ann", "amy", "abe", "art");
    private static final List<String> SECOND = List.of("ben", "bea", "bob", "bud");

    @Test
    void twoGroupsAreTwoSpheresAndTheMemberBetweenThemIsTheirBridge() {
        Community community = admin.createCommunity(unique("spheres"), "Spheres");
        LedgerClient platform = community.client();
        String c = community.id();
        String base = "/communities/" + c;
        List<Map<String, String>> members = new ArrayList<>();
        for (String id : List.of("ann", "amy", "abe", "art", "ben", "bea", "bob", "bud", "ivy", "joe")) {
            members.add(Map.of("id", id, "displayName", "Name of " + id));
        }
        platform.post(base + "/members/batch", Map.of("members", members)).expect(200);
        List<Map<String, Object>> groups = new ArrayList<>();
        for (List<String> group : List.of(FIRST, SECOND)) {
            for (String truster : group) {
                for (String trustee : group) {
                    if (!truster.equals(trustee)) {
                        groups.add(Map.of("truster", truster, "trustee", trustee, "level", 5));
                    }
                }
            }
        }
        assertThat(platform.post(base + "/trust/batch", Map.of("declarations", groups)).expect(200)
                .at("/rejected").asInt()).isZero();
        JsonNode before = upToDate(platform, base + "/spheres");
        Instant beforeTheBridge = Instant.now();
        pause();
        List<Map<String, Object>> bridge = new ArrayList<>();
        for (String other : List.of("ann", "amy", "ben", "bea")) {
            int level = other.startsWith("a") ? 2 : 1;
            bridge.add(Map.of("truster", "ivy", "trustee", other, "level", level));
            bridge.add(Map.of("truster", other, "trustee", "ivy", "level", level));
        }
        assertThat(platform.post(base + "/trust/batch", Map.of("declarations", bridge)).expect(200)
                .at("/rejected").asInt()).isZero();

        JsonNode spheres = upToDate(platform, base + "/spheres");
        assertThat(spheres.path("communityId").asText()).isEqualTo(c);
        assertThat(spheres.path("sphereCount").asInt()).isEqualTo(2);
        assertThat(spheres.path("betweennessExact").asBoolean()).isTrue();
        assertThat(spheres.path("modularity").asDouble()).isGreaterThan(0.3);
        JsonNode first = spheres.at("/spheres/0");
        assertThat(first.path("sphere").asInt()).isEqualTo(1);
        assertThat(first.path("size").asInt()).isEqualTo(5);
        // Six ties among the group and two to ivy: 8 of the 10 pairs of five members.
        assertThat(first.path("density").asDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(first.at("/leaders/0/memberId").asText()).isIn("ann", "amy");
        assertThat(first.at("/leaders/0/displayName").asText()).startsWith("Name of ");
        assertThat(first.path("leaders")).hasSize(3);
        JsonNode second = spheres.at("/spheres/1");
        assertThat(second.path("sphere").asInt()).isEqualTo(2);
        assertThat(second.path("size").asInt()).isEqualTo(4);
        assertThat(second.path("density").asDouble()).isCloseTo(1.0, within(1e-12));
        double joe = upToDate(platform, base + "/members/joe/reputation").at("/influence/score").asDouble();
        assertThat(first.path("influenceShare").asDouble() + second.path("influenceShare").asDouble() + joe)
                .as("the spheres hold all influence but joe's").isCloseTo(1.0, within(1e-9));

        assertThat(spheres.path("bridges")).hasSize(1);
        JsonNode ivy = spheres.at("/bridges/0");
        assertThat(ivy.path("memberId").asText()).isEqualTo("ivy");
        assertThat(ivy.path("displayName").asText()).isEqualTo("Name of ivy");
        assertThat(ivy.path("sphere").asInt()).isEqualTo(1);
        assertThat(ivy.path("spheresTied").toString()).isEqualTo("[1,2]");
        // 16 pairs (one member of each group) of the (10 - 1)(10 - 2) / 2 = 36 pairs of other members.
        assertThat(ivy.path("betweenness").asDouble()).isCloseTo(16.0 / 36, within(1e-12));
        // Ties of weight 8 to her own sphere and 4 to the other: 1 - (2/3)^2 - (1/3)^2.
        assertThat(ivy.path("participation").asDouble()).isCloseTo(4.0 / 9, within(1e-12));

        JsonNode secondSphere = platform.get(base + "/spheres/2").expect(200).json();
        assertThat(secondSphere.path("size").asInt()).isEqualTo(4);
        List<String> ids = new ArrayList<>();
        double withinSphere = 0;
        for (JsonNode member : secondSphere.path("members")) {
            ids.add(member.path("memberId").asText());
            withinSphere += member.path("influenceInSphere").asDouble();
            assertThat(member.path("bridge").asBoolean()).isFalse();
            assertThat(member.has("influence")).isTrue();
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(SECOND);
        assertThat(withinSphere).isCloseTo(1.0, within(1e-9));
        JsonNode ivyInSphere = platform.get(base + "/spheres/1").expect(200).json().at("/members/4");
        assertThat(ivyInSphere.path("memberId").asText()).as("trusted least within her sphere").isEqualTo("ivy");
        assertThat(ivyInSphere.path("bridge").asBoolean()).isTrue();

        JsonNode ivyReputation = platform.get(base + "/members/ivy/reputation").expect(200).json();
        assertThat(ivyReputation.at("/sphere/sphere").asInt()).isEqualTo(1);
        assertThat(ivyReputation.at("/sphere/bridge").asBoolean()).isTrue();
        assertThat(ivyReputation.at("/sphere/spheresTied").toString()).isEqualTo("[1,2]");
        assertThat(ivyReputation.at("/sphere/participation").asDouble()).isCloseTo(4.0 / 9, within(1e-12));
        JsonNode joeReputation = platform.get(base + "/members/joe/reputation").expect(200).json();
        assertThat(joeReputation.has("sphere")).as("present, and null").isTrue();
        assertThat(joeReputation.path("sphere").isNull()).isTrue();

        // Before ivy's ties: two spheres of four, nobody between them.
        assertThat(before.path("sphereCount").asInt()).isEqualTo(2);
        assertThat(before.path("bridges")).isEmpty();
        JsonNode past = platform.get(base + "/spheres?asOf=" + beforeTheBridge).expect(200).json();
        assertThat(past.path("sphereCount").asInt()).isEqualTo(2);
        assertThat(past.at("/spheres/0/size").asInt()).isEqualTo(4);
        assertThat(past.path("bridges")).isEmpty();
        assertThat(past.at("/asOf/instant").asText()).isNotEmpty();
        assertThat(spheres.path("asOf").isNull()).isTrue();
        // Equal sizes: the sphere holding the smallest member id ("abe") comes first.
        JsonNode pastFirst = platform.get(base + "/spheres/1?asOf=" + beforeTheBridge).expect(200).json();
        List<String> pastIds = new ArrayList<>();
        pastFirst.path("members").forEach(member -> pastIds.add(member.path("memberId").asText()));
        assertThat(pastIds).containsExactlyInAnyOrderElementsOf(FIRST);
    }

    @Test
    void aSphereNumberTheCommunityDoesNotHaveIsAProblem() {
        Community community = admin.createCommunity(unique("nosphere"), "No sphere");
        LedgerClient platform = community.client();
        String c = community.id();
        platform.registerMember(c, "ada", "Ada").expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);
        platform.declareTrust(c, "bob", "ada", 3).expect(200);
        upToDate(platform, "/communities/" + c + "/spheres");

        platform.get("/communities/" + c + "/spheres/1").expect(200);
        Reply unknown = platform.get("/communities/" + c + "/spheres/2").expectProblem(404, "unknown-sphere");
        assertThat(unknown.text("/detail")).contains("numbered 1 to 1");
        platform.get("/communities/" + c + "/spheres/0").expectProblem(404, "unknown-sphere");
        platform.get("/communities/" + c + "/spheres/one").expectProblem(400, "invalid-request");
        platform.get("/communities/no-such-" + c + "/spheres").expect(403);
    }

    /** Reputation follows writes in the background; its freshness says when an answer includes them all. */
    private static JsonNode upToDate(LedgerClient platform, String path) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode answer;
        do {
            answer = platform.get(path).expect(200).json();
            if (answer.at("/freshness/upToDate").asBoolean()) {
                return answer;
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Reputation did not catch up within 20 s: " + answer);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
