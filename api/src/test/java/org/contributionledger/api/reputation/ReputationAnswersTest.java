package org.contributionledger.api.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Reputation answers over HTTP say what they mean: names, every field (null ones too), parts that add up. */
class ReputationAnswersTest extends LedgerApiTest {

    @Test
    void reputationNamesMembersAddsUpAndShowsNullsAndCategoriesWithoutData() {
        Community community = admin.createCommunity(unique("answers"), "Answers");
        LedgerClient platform = community.client();
        String c = community.id();
        platform.registerMember(c, "ada", "Ada Lovelace").expect(201);
        platform.registerMember(c, "bob", "Bob Noyce").expect(201);
        platform.registerMember(c, "cyd", "Cyd Charisse").expect(201);
        platform.put("/communities/" + c + "/trust/bob/ada", Map.of("level", 8)).expect(200);
        platform.put("/communities/" + c + "/trust/cyd/ada", Map.of("level", 3)).expect(200);
        platform.record(c, Act.of("act-1", "ada", "bob").recordedByReceiver()).expect(201);

        JsonNode ada = upToDate(platform, "/communities/" + c + "/members/ada/reputation?topSources=1");
        assertThat(ada.path("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(ada.at("/topSources/0/displayName").asText()).isEqualTo("Bob Noyce");
        assertThat(ada.at("/otherSources/count").asInt()).as("cyd").isEqualTo(1);
        double parts = ada.at("/topSources/0/contribution").asDouble() + ada.at("/otherSources/contribution").asDouble()
                + ada.at("/scoreParts/fromMembersWhoTrustNobody").asDouble() + ada.at("/scoreParts/fromTeleport").asDouble()
                + ada.at("/scoreParts/solverResidual").asDouble();
        assertThat(parts).isCloseTo(ada.at("/influence/score").asDouble(), within(1e-12));
        // Ada trusts nobody: reciprocatedTrust is documented as null, so it is there, as null.
        assertThat(ada.path("character").has("reciprocatedTrust")).isTrue();
        assertThat(ada.at("/character/reciprocatedTrust").isNull()).isTrue();
        // Ada helped Bob; nobody did anything about advice.
        assertThat(ada.at("/byCategory/help/hasData").asBoolean()).isTrue();
        assertThat(ada.at("/byCategory/help/score").isNumber()).isTrue();
        assertThat(ada.at("/byCategory/advice/hasData").asBoolean()).isFalse();
        assertThat(ada.at("/byCategory/advice/score").isNull()).as("present, and null").isTrue();

        JsonNode leaderboard = upToDate(platform, "/communities/" + c + "/leaderboard");
        assertThat(leaderboard.at("/entries/0/memberId").asText()).isEqualTo("ada");
        assertThat(leaderboard.at("/entries/0/displayName").asText()).isEqualTo("Ada Lovelace");
        JsonNode influencers = upToDate(platform, "/communities/" + c + "/members/bob/influencers");
        assertThat(influencers.at("/entries/0/displayName").asText()).isEqualTo("Ada Lovelace");

        platform.patch("/communities/" + c + "/members/ada", Map.of("displayName", "Augusta Ada King")).expect(200);
        assertThat(upToDate(platform, "/communities/" + c + "/leaderboard").at("/entries/0/displayName").asText())
                .as("a renamed member is shown by the new name").isEqualTo("Augusta Ada King");
    }

    /** Reputation follows writes in the background; its freshness says when an answer includes them all. */
    private static JsonNode upToDate(LedgerClient platform, String path) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode answer;
        do {
            Reply reply = platform.get(path).expect(200);
            answer = reply.json();
            if (answer.at("/freshness/upToDate").asBoolean()) {
                return answer;
            }
            sleep();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Reputation did not catch up within 20 s: " + answer);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
