package org.contributionledger.api.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.Reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sends deliveries signed the way each platform signs them, computed here independently of the
 * ledger's code: HMAC-SHA256 in hex of the body (GitHub, Discourse) or of {@code v0:<ts>:<body>} (Slack).
 * Public for the tests of other packages that deliver webhooks (erasure, crashes).
 */
public final class WebhookDeliveries {

    static final ObjectMapper JSON = new ObjectMapper();

    private final LedgerClient client;
    private final String community;

    public WebhookDeliveries(LedgerClient client, String community) {
        this.client = client;
        this.community = community;
    }

    /** A sample payload of {@code src/test/resources/webhooks}, as a tree the test may edit. */
    public static ObjectNode sample(String path) {
        try (InputStream in = WebhookDeliveries.class.getResourceAsStream("/webhooks/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No sample webhooks/" + path);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String hmacHex(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Reply github(String secret, String event, String deliveryId, Object body) {
        String text = text(body);
        return client.withKey(null)
                .withHeader("X-GitHub-Event", event)
                .withHeader("X-GitHub-Delivery", deliveryId)
                .withHeader("X-Hub-Signature-256", "sha256=" + hmacHex(secret, text))
                .raw("POST", "/communities/" + community + "/webhooks/github", text, "application/json");
    }

    public Reply discourse(String secret, String event, String eventId, Object body) {
        String text = text(body);
        return client.withKey(null)
                .withHeader("X-Discourse-Event", event)
                .withHeader("X-Discourse-Event-Id", eventId)
                .withHeader("X-Discourse-Instance", "https://forum.example.org")
                .withHeader("X-Discourse-Event-Signature", "sha256=" + hmacHex(secret, text))
                .raw("POST", "/communities/" + community + "/webhooks/discourse", text, "application/json");
    }

    public Reply slack(String secret, Instant at, Object body) {
        String text = text(body);
        String timestamp = Long.toString(at.getEpochSecond());
        return client.withKey(null)
                .withHeader("X-Slack-Request-Timestamp", timestamp)
                .withHeader("X-Slack-Signature", "v0=" + hmacHex(secret, "v0:" + timestamp + ":" + text))
                .raw("POST", "/communities/" + community + "/webhooks/slack", text, "application/json");
    }

    /** Slack's reaction_added (or _removed) envelope, its blanked ids filled with those of Slack's documented example. */
    static ObjectNode slackReaction(String type, String eventId, String user, String itemUser, String ts, String reaction) {
        ObjectNode envelope = sample("slack/java-slack-sdk__Reaction" + ("reaction_added".equals(type) ? "Added" : "Removed")
                + "Payload.json");
        ObjectNode documented = sample("slack/slack-docs__reaction_added.event.json");
        envelope.put("team_id", "T061EG9R6").put("api_app_id", "A0PNCHHK2").put("event_id", eventId)
                .put("event_time", 1360782804);
        ObjectNode event = (ObjectNode) envelope.get("event");
        event.put("user", user).put("item_user", itemUser).put("reaction", reaction)
                .put("event_ts", documented.get("event_ts").asText());
        ((ObjectNode) event.get("item")).put("channel", documented.at("/item/channel").asText()).put("ts", ts);
        return envelope;
    }
}
