package org.contributionledger.api.webhook;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The only class that reads or writes {@code webhook_delivery}: the deliveries answered 200 or 202,
 * with their answer, so that a platform's retry of one gets the same answer and records nothing.
 */
@Component
public class DeliveryLog {

    private final JdbcTemplate jdbc;

    public DeliveryLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Answered(int status, String answerJson) {
    }

    public Optional<Answered> find(String communityId, Platform platform, String deliveryId) {
        List<Answered> rows = jdbc.query("""
                        SELECT status, answer_json FROM webhook_delivery
                        WHERE community_id = ? AND platform = ? AND delivery_id = ?""",
                (row, i) -> new Answered(row.getInt(1), row.getString(2)),
                communityId, platform.pathName(), deliveryId);
        return rows.stream().findFirst();
    }

    /** A delivery's stored answer, by its id. */
    public record Entry(String deliveryId, String answerJson) {
    }

    /** The community's deliveries of the platform whose answer contains {@code text}, as stored. */
    public List<Entry> answersContaining(String communityId, Platform platform, String text) {
        String pattern = "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return jdbc.query("""
                        SELECT delivery_id, answer_json FROM webhook_delivery
                        WHERE community_id = ? AND platform = ? AND answer_json LIKE ? ESCAPE '!'""",
                (row, i) -> new Entry(row.getString(1), row.getString(2)),
                communityId, platform.pathName(), pattern);
    }

    /** Rewrites a stored answer (erasure): a redelivery gets it from then on; its status stays. */
    public void replaceAnswer(String communityId, Platform platform, String deliveryId, String answerJson) {
        jdbc.update("UPDATE webhook_delivery SET answer_json = ? WHERE community_id = ? AND platform = ? AND delivery_id = ?",
                answerJson, communityId, platform.pathName(), deliveryId);
    }

    /** In the transaction of the delivery's acts: both are stored, or neither. */
    public void add(String communityId, Platform platform, String deliveryId, Answered answer, Instant receivedAt) {
        jdbc.update("""
                        INSERT INTO webhook_delivery (community_id, platform, delivery_id, status, answer_json, received_at)
                        VALUES (?, ?, ?, ?, ?, ?)""",
                communityId, platform.pathName(), deliveryId, answer.status(), answer.answerJson(),
                Timestamp.from(receivedAt));
    }
}
