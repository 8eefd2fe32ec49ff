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

    /** In the transaction of the delivery's acts: both are stored, or neither. */
    public void add(String communityId, Platform platform, String deliveryId, Answered answer, Instant receivedAt) {
        jdbc.update("""
                        INSERT INTO webhook_delivery (community_id, platform, delivery_id, status, answer_json, received_at)
                        VALUES (?, ?, ?, ?, ?, ?)""",
                communityId, platform.pathName(), deliveryId, answer.status(), answer.answerJson(),
                Timestamp.from(receivedAt));
    }
}
