package org.contributionledger.api.webhook;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.contributionledger.api.identity.PlatformIdentity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The only class that reads or writes {@code webhook_withdrawn_act} and {@code webhook_topic_author}:
 * what earlier deliveries told that a later one needs. Platforms do not promise order, so a removal
 * may come before its addition; and some payloads leave out the counterpart an earlier one named.
 */
@Component
public class PlatformMemory {

    private final JdbcTemplate jdbc;

    public PlatformMemory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Remembers that the act was withdrawn before any delivery added it: its addition then records nothing. */
    public void withdrawnBeforeRecorded(String communityId, String contributionId, Instant at) {
        if (!wasWithdrawnBeforeRecorded(communityId, contributionId)) {
            jdbc.update("INSERT INTO webhook_withdrawn_act (community_id, contribution_id, withdrawn_at) VALUES (?, ?, ?)",
                    communityId, contributionId, Timestamp.from(at));
        }
    }

    public boolean wasWithdrawnBeforeRecorded(String communityId, String contributionId) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM webhook_withdrawn_act WHERE community_id = ? AND contribution_id = ?",
                Integer.class, communityId, contributionId);
        return count != null && count > 0;
    }

    /** The first post of a topic names its author; the latest sighting wins (a topic may change hands). */
    public void topicAuthor(String communityId, Platform platform, String topicId, PlatformIdentity author) {
        int updated = jdbc.update("""
                        UPDATE webhook_topic_author SET user_id = ?, login = ?
                        WHERE community_id = ? AND platform = ? AND topic_id = ?""",
                author.userId(), author.login(), communityId, platform.pathName(), topicId);
        if (updated == 0) {
            jdbc.update("""
                            INSERT INTO webhook_topic_author (community_id, platform, topic_id, user_id, login)
                            VALUES (?, ?, ?, ?, ?)""",
                    communityId, platform.pathName(), topicId, author.userId(), author.login());
        }
    }

    /**
     * Erasure: forgets the topics the platform's user started, whom the rows name by user id and
     * login. A later accepted solution in one of them is then unresolved, as it would be anyway: the
     * user's member is erased.
     */
    public void forgetTopicAuthor(String communityId, Platform platform, String userId) {
        jdbc.update("DELETE FROM webhook_topic_author WHERE community_id = ? AND platform = ? AND user_id = ?",
                communityId, platform.pathName(), userId);
    }

    public Optional<PlatformIdentity> topicAuthor(String communityId, Platform platform, String topicId) {
        List<PlatformIdentity> rows = jdbc.query("""
                        SELECT user_id, login FROM webhook_topic_author
                        WHERE community_id = ? AND platform = ? AND topic_id = ?""",
                (row, i) -> new PlatformIdentity(platform.pathName(), row.getString(1), row.getString(2)),
                communityId, platform.pathName(), topicId);
        return rows.stream().findFirst();
    }
}
