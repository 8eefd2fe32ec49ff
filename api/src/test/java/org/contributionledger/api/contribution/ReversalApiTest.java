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
 * Reversing a confirmed act over HTTP: the admin's path only, the act kept in the statement as
 * REVERSED and taken out of every figure, the old events untouched; each refusal with its problem.
 */
class ReversalApiTest extends LedgerApiTest {

    private static final Map<String, String> REASON = Map.of("reason", "Recorded twice by the platform");

    private LedgerClient platform;
    private String c;

    @BeforeEach
    void community() {
        Community community = admin.createCommunity(unique("undo"), "Reversals");
        platform = community.client();
        c = community.id();
        platform.registerMember(c, "alice", "Alice").expect(201);
        platform.registerMember(c, "bob", "Bob").expect(201);
        platform.record(c, Act.of("act-1", "alice", "bob").value(10)).expect(201);
        platform.record(c, Act.of("act-2", "bob", "alice").value(3)).expect(201);
    }

    @Test
    void theAdminReversesAConfirmedActAndItCountsNowhere() {
        platform.confirm(c, "act-1", "bob").expect(200);
        platform.confirm(c, "act-2", "alice").expect(200);
        assertThat(platform.stats(c).at("/confirmedValue").decimalValue()).isEqualByComparingTo("13");

        var reversed = admin.post(path("act-1"), REASON).expect(200);

        assertThat(reversed.text("/status")).isEqualTo("REVERSED");
        var act = platform.contribution(c, "act-1");
        assertThat(act.text("/status")).isEqualTo("REVERSED");
        assertThat(act.text("/statusReason")).isEqualTo("Recorded twice by the platform");
        assertThat(platform.reciprocity(c, "alice").at("/given/count").asLong()).isZero();
        assertThat(platform.reciprocity(c, "bob").at("/received/count").asLong()).isZero();
        assertThat(platform.stats(c).at("/confirmedValue").decimalValue()).isEqualByComparingTo("3");
        assertThat(platform.stats(c).at("/acts/reversed").asLong()).isEqualTo(1);
        assertThat(events.payloadTypes("contribution/" + c + "/act-1")).containsExactly("ContributionRecorded",
                "ContributionConfirmed", "ContributionReversed");

        // Reversing again is a retry: nothing more is recorded.
        admin.post(path("act-1"), REASON).expect(200);
        assertThat(events.forAggregate("contribution/" + c + "/act-1")).isEqualTo(3);
        platform.confirm(c, "act-1", "bob").expectProblem(409, "contribution-already-final");
    }

    @Test
    void eachRuleHasItsProblem() {
        platform.post(path("act-1"), REASON).expect(403);
        admin.post(path("act-1"), REASON).expectProblem(409, "only-confirmed-act-may-be-reversed");
        admin.post(path("act-1"), Map.of()).expectProblem(400, "invalid-request");
        admin.post(path("no-such-act"), REASON).expectProblem(404, "not-found");
        assertThat(events.forAggregate("contribution/" + c + "/act-1")).isEqualTo(1);
    }

    private String path(String act) {
        return "/communities/" + c + "/contributions/" + act + "/reversal";
    }
}
