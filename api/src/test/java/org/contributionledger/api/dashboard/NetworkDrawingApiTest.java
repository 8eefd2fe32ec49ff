package org.contributionledger.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The dashboard's drawing of the network, and its static files, over HTTP. */
class NetworkDrawingApiTest extends LedgerApiTest {

    @Test
    void theNetworkIsDrawnWithEveryMemberPlacedAndEveryTieKinded() throws InterruptedException {
        Community community = admin.createCommunity(unique("drawing"), "Drawing");
        LedgerClient platform = community.client();
        String c = community.id();
        platform.registerMember(c, "ada", "Ada Lovelace").expect(201);
        platform.registerMember(c, "bob", "Bob Noyce").expect(201);
        platform.registerMember(c, "cyd", "Cyd Charisse").expect(201);
        platform.declareTrust(c, "bob", "ada", 8).expect(200);
        platform.record(c, Act.of("act-1", "ada", "bob").recordedByReceiver()).expect(201);
        platform.record(c, Act.of("act-2", "cyd", "ada").recordedByReceiver()).expect(201);

        JsonNode drawing = upToDate(platform, "/communities/" + c + "/graph");

        assertThat(drawing.path("communityId").asText()).isEqualTo(c);
        List<String> members = new ArrayList<>();
        for (JsonNode node : drawing.path("nodes")) {
            members.add(node.path("memberId").asText());
            assertThat(node.path("x").asDouble()).isBetween(0.0, 1000.0);
            assertThat(node.path("y").asDouble()).isBetween(0.0, 1000.0);
            assertThat(node.path("influence").asDouble()).isPositive();
            // Documented as null until spheres are computed: present, as null.
            assertThat(node.has("sphere")).isTrue();
        }
        assertThat(members).containsExactlyInAnyOrder("ada", "bob", "cyd");
        assertThat(drawing.path("nodes").findValuesAsText("displayName")).contains("Ada Lovelace");
        List<String> edges = new ArrayList<>();
        drawing.path("edges").forEach(edge -> edges.add(edge.path("from").asText() + ">" + edge.path("to").asText()
                + ":" + String.join("+", texts(edge.path("kinds")))));
        assertThat(edges).containsExactlyInAnyOrder("bob>ada:trusts", "ada>bob:gave", "cyd>ada:gave");
    }

    @Test
    void aDrawingIsReadWithTheCommunitysOwnKey() {
        Community mine = admin.createCommunity(unique("mine"), "Mine");
        Community theirs = admin.createCommunity(unique("theirs"), "Theirs");

        theirs.client().get("/communities/" + mine.id() + "/graph").expectProblem(403, "forbidden");
        admin.withKey(null).get("/communities/" + mine.id() + "/graph").expectProblem(401, "unauthorized");
        admin.get("/communities/" + unique("nowhere") + "/graph").expectProblem(404, "not-found");
        mine.client().get("/communities/" + mine.id() + "/graph").expect(200);
    }

    @Test
    void theDashboardAndItsChartLibraryAreServedWithoutAKey() {
        LedgerClient anonymous = admin.withKey(null);

        Reply page = anonymous.get("//dashboard/").expect(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Sign in to a community", "/webjars/echarts/5.3.1/dist/echarts.min.js");
        Reply redirect = anonymous.get("//dashboard").expect(302);
        assertThat(redirect.header("Location").orElseThrow()).endsWith("/dashboard/");
        assertThat(anonymous.get("//dashboard/app.js").expect(200).contentType()).contains("javascript");
        assertThat(anonymous.get("//dashboard/api.js").expect(200).body()).contains("sessionStorage");
        Reply library = anonymous.get("//webjars/echarts/5.3.1/dist/echarts.min.js").expect(200);
        assertThat(library.contentType()).contains("javascript");
        assertThat(library.body()).contains("echarts");
        // The files are public; the data is not.
        anonymous.get("/communities").expectProblem(401, "unauthorized");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /** Polls until the answer includes every event of the community (the snapshot follows within a second). */
    static JsonNode upToDate(LedgerClient client, String path) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            JsonNode body = client.get(path).expect(200).json();
            if (body.path("freshness").path("upToDate").asBoolean()) {
                return body;
            }
            assertThat(System.nanoTime()).as("%s never caught up: %s", path, body.path("freshness")).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
