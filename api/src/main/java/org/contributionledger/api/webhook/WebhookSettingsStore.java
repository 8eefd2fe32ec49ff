package org.contributionledger.api.webhook;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The only class that reads or writes {@code webhook_settings}: each community's settings per platform. */
@Component
public class WebhookSettingsStore {

    private static final TypeReference<LinkedHashMap<String, KindSetting>> KINDS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public WebhookSettingsStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param secretEncrypted see {@link WebhookSecrets#encrypt}; null while no secret was set
     * @param kinds           only the kinds the community changed from the defaults
     */
    public record Stored(String secretEncrypted, Map<String, KindSetting> kinds, Instant updatedAt) {
    }

    public Optional<Stored> find(String communityId, Platform platform) {
        List<Stored> rows = jdbc.query("""
                        SELECT secret_encrypted, kinds_json, updated_at FROM webhook_settings
                        WHERE community_id = ? AND platform = ?""",
                (row, i) -> new Stored(row.getString(1), readKinds(row.getString(2)),
                        row.getTimestamp(3).toInstant()),
                communityId, platform.pathName());
        return rows.stream().findFirst();
    }

    public void save(String communityId, Platform platform, Stored settings) {
        String kinds = writeKinds(settings.kinds());
        Timestamp at = Timestamp.from(settings.updatedAt());
        int updated = jdbc.update("""
                        UPDATE webhook_settings SET secret_encrypted = ?, kinds_json = ?, updated_at = ?
                        WHERE community_id = ? AND platform = ?""",
                settings.secretEncrypted(), kinds, at, communityId, platform.pathName());
        if (updated == 0) {
            jdbc.update("""
                            INSERT INTO webhook_settings (community_id, platform, secret_encrypted, kinds_json, updated_at)
                            VALUES (?, ?, ?, ?, ?)""",
                    communityId, platform.pathName(), settings.secretEncrypted(), kinds, at);
        }
    }

    private Map<String, KindSetting> readKinds(String text) {
        try {
            return json.readValue(text, KINDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook_settings.kinds_json is not the JSON this class writes", e);
        }
    }

    private String writeKinds(Map<String, KindSetting> kinds) {
        try {
            return json.writeValueAsString(kinds);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
