package org.contributionledger.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The platforms' own documented examples, so the ledger signs as they do and not merely as its tests do. */
class SignaturesTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** GitHub's "Validating webhook deliveries": this secret and payload give this signature. */
    @Test
    void githubsDocumentedExampleVerifies() {
        byte[] secret = bytes("It's a Secret to Everybody");
        String signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertThat(Signatures.bodySignedWith(secret, bytes("Hello, World!"), signature)).isTrue();
        assertThat(Signatures.bodySignedWith(secret, bytes("Hello, World!"), signature.toUpperCase().replace("SHA256", "sha256")))
                .as("hex digits in upper case").isTrue();
        assertThat(Signatures.bodySignedWith(secret, bytes("Hello, World?"), signature)).isFalse();
        assertThat(Signatures.bodySignedWith(bytes("another secret"), bytes("Hello, World!"), signature)).isFalse();
        assertThat(Signatures.bodySignedWith(secret, bytes("Hello, World!"), signature.substring(7))).as("no sha256=").isFalse();
        assertThat(Signatures.bodySignedWith(secret, bytes("Hello, World!"), null)).isFalse();
    }

    /** Slack's "Verifying requests from Slack": a slash command's body, timestamp and signing secret. */
    @Test
    void slacksDocumentedExampleVerifies() {
        byte[] secret = bytes("8f742231b10e8888abcd99yyyzzz85a5");
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        String signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        assertThat(Signatures.slackSignedWith(secret, "1531420618", bytes(body), signature)).isTrue();
        assertThat(Signatures.slackSignedWith(secret, "1531420619", bytes(body), signature)).as("another time").isFalse();
        assertThat(Signatures.slackSignedWith(secret, "1531420618", bytes(body + "x"), signature)).isFalse();
        assertThat(Signatures.slackSignedWith(secret, null, bytes(body), signature)).isFalse();
    }

    @Test
    void slackTimestampsMoreThanFiveMinutesFromNowAreRefusedEitherWay() {
        Instant now = Instant.ofEpochSecond(1_531_420_618L);
        assertThat(Signatures.slackTimestampProblem("1531420618", now)).isNull();
        assertThat(Signatures.slackTimestampProblem("1531420318", now)).as("5 minutes ago").isNull();
        assertThat(Signatures.slackTimestampProblem("1531420317", now)).contains("5 minutes");
        assertThat(Signatures.slackTimestampProblem("1531420919", now)).as("ahead").contains("5 minutes");
        assertThat(Signatures.slackTimestampProblem("soon", now)).contains("not a number");
        assertThat(Signatures.slackTimestampProblem(null, now)).contains("missing");
    }
}
