package org.contributionledger.api.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Correcting a confirmed act over HTTP: proposed, accepted, seen corrected in every view; the old
 * events untouched; each refusal with its problem type.
 */
class CorrectionApiTest extends LedgerApiTest {

    private LedgerClient platform;
    private String c;

    @BeforeEach
    void community() {
        Community community = admin.createCommunity(unique("fix"), "Corrections");
        platform = community.client();
        c = community.id();
        platform.registerMember(c, "alice", "Alice").expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);
        platform.record(c, Act.of("act-1", "alice", "bob").value(10)).expect(201);
    }

    @Test
    void aCorrectionAcceptedByTheOtherSideChangesEveryViewAndKeepsTheHistory() {
        platform.confirm(c, "act-1", "bob").expect(200);
        var proposed = platform.post(path("corrections"), Map.of("by", "alice", "value", 4, "category", "advice",
                "reason", "Counted twice")).expect(200);
        assertThat(proposed.text("/outcome")).isEqualTo("PROPOSED");
        assertThat(proposed.at("/act/value").decimalValue()).isEqualByComparingTo("10");
        assertThat(platform.reciprocity(c, "alice").at("/given/value").decimalValue()).isEqualByComparingTo("10");

        var accepted = platform.post(path("corrections/accept"), Map.of("by", "bob")).expect(200);
        assertThat(accepted.text("/outcome")).isEqualTo("CORRECTED");
        assertThat(accepted.at("/act/value").decimalValue()).isEqualByComparingTo("4");
        assertThat(accepted.text("/act/category")).isEqualTo("advice");
        assertThat(platform.contribution(c, "act-1").at("/value").decimalValue()).isEqualByComparingTo("4");
        assertThat(platform.reciprocity(c, "alice").at("/given/value").decimalValue()).isEqualByComparingTo("4");
        assertThat(platform.stats(c).at("/confirmedValue").decimalValue()).isEqualByComparingTo("4");
        assertThat(events.payloadTypes("contribution/" + c + "/act-1")).containsExactly("ContributionRecorded",
                "ContributionConfirmed", "ContributionCorrectionProposed", "ContributionCorrected");

        // Accepting again is a retry: nothing more is recorded.
        platform.post(path("corrections/accept"), Map.of("by", "bob")).expect(200);
        assertThat(events.forAggregate("contribution/" + c + "/act-1")).isEqualTo(4);
    }

    @Test
    void eachRuleHasItsProblem() {
        platform.post(path("corrections"), Map.of("by", "alice", "value", 4, "reason", "x"))
                .expectProblem(409, "only-confirmed-act-may-be-corrected");
        platform.confirm(c, "act-1", "bob").expect(200);
        platform.post(path("corrections"), Map.of("by", "bob", "value", 4, "reason", "x"))
                .expectProblem(422, "only-recorder-may-correct");
        platform.post(path("corrections"), Map.of("by", "alice", "value", 10, "reason", "x"))
                .expectProblem(422, "correction-changes-nothing");
        platform.post(path("corrections"), Map.of("by", "alice", "category", "gossip", "reason", "x"))
                .expectProblem(422, "unknown-category");
        platform.post(path("corrections"), Map.of("by", "alice", "reason", "x"))
                .expectProblem(400, "invalid-request");
        platform.post(path("corrections/accept"), Map.of("by", "bob"))
                .expectProblem(409, "no-correction-pending");
        platform.post(path("corrections"), Map.of("by", "alice", "value", 4, "reason", "x")).expect(200);
        platform.post(path("corrections"), Map.of("by", "alice", "value", 5, "reason", "x"))
                .expectProblem(409, "correction-already-pending");
        platform.post(path("corrections/reject"), Map.of("by", "alice"))
                .expectProblem(422, "only-counterpart-may-decide-correction");
        assertThat(platform.post(path("corrections/reject"), Map.of("by", "bob", "reason", "No")).expect(200)
                .text("/outcome")).isEqualTo("REJECTED");
        assertThat(platform.contribution(c, "act-1").at("/value").decimalValue()).isEqualByComparingTo("10");
    }

    private String path(String rest) {
        return "/communities/" + c + "/contributions/act-1/" + rest;
    }
}
