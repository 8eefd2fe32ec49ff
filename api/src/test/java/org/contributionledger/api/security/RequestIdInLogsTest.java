package org.contributionledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.h2.api.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A 500 says "the request id names it in the logs": every log line a request causes carries its
 * request id (and the key's id once the key is checked), as the log pattern shows them.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestIdInLogsTest extends LedgerApiTest {

    /** Makes the database refuse members of communities named {@code log-failure-*}: a real failure deep in a write. */
    public static class RefuseMembersOfFailingCommunities implements Trigger {
        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            if (newRow != null && String.valueOf(newRow[0]).startsWith("log-failure-")) {
                throw new SQLException("the disk is full (simulated)");
            }
        }
    }

    @Test
    void theLogLinesOfAFailedRequestCarryTheRequestIdTheAnswerNames(CapturedOutput output) {
        Community community = admin.createCommunity(unique("log-failure"), "Failing");
        String requestId = unique("failing-request");
        jdbc.execute("CREATE TRIGGER refuse_failing_members BEFORE INSERT ON directory_member FOR EACH ROW CALL \""
                + RefuseMembersOfFailingCommunities.class.getName() + "\"");
        Reply failed;
        try {
            failed = community.client().withRequestId(requestId).registerMember(community.id(), "ada", "Ada");
        } finally {
            jdbc.execute("DROP TRIGGER refuse_failing_members");
        }

        List<String> lines = output.getAll().lines().filter(line -> line.contains(requestId)).toList();
        assertThat(lines).as("log lines naming the request").isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("ERROR", "[" + requestId + " " + community.apiKeyId() + "]",
                        "Unexpected failure"));
        failed.expectProblem(500, "internal-error");
        assertThat(failed.text("/requestId")).isEqualTo(requestId);
        assertThat(failed.header("X-Request-Id")).hasValue(requestId);
        admin.member(community.id(), "ada").expectProblem(404, "not-found");
    }

    @Test
    void aRefusedRevokedKeyIsLoggedWithTheRequestId(CapturedOutput output) {
        Community community = admin.createCommunity(unique("log-revoked"), "Revoked");
        admin.post("/communities/" + community.id() + "/keys/" + community.apiKeyId() + "/revoke", null).expect(200);
        String requestId = unique("revoked-request");

        community.client().withRequestId(requestId).stats(community.id()).expectProblem(401, "unauthorized");

        assertThat(output.getAll().lines().filter(line -> line.contains(requestId)).toList())
                .anySatisfy(line -> assertThat(line).contains("WARN", "Refused revoked key " + community.apiKeyId()));
    }
}
