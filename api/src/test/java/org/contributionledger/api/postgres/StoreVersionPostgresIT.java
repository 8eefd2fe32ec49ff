package org.contributionledger.api.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.contributionledger.query.stats.StoreVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * On PostgreSQL the store's version is its transaction snapshot: the same while nothing commits,
 * and different after any commit, including one of a transaction that began before the version
 * was read (an event whose position is below the head when it becomes visible).
 * <p>
 * A server of its own: a snapshot covers every database of a server, and other test classes'
 * ledgers on the shared one write in the background.
 */
class StoreVersionPostgresIT {

    private static EmbeddedPostgres server;
    private static JdbcTemplate jdbc;
    private static StoreVersion version;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedPostgres.builder().start();
        jdbc = new JdbcTemplate(server.getPostgresDatabase());
        jdbc.execute("CREATE TABLE events (position BIGSERIAL PRIMARY KEY, payload TEXT)");
        version = new StoreVersion(jdbc);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void theSameWhileNothingCommits() {
        StoreVersion.Version before = version.current();
        jdbc.queryForObject("SELECT COUNT(*) FROM events", Long.class);

        assertThat(version.current()).isEqualTo(before);
    }

    @Test
    void changedByACommit() {
        StoreVersion.Version before = version.current();
        jdbc.update("INSERT INTO events (payload) VALUES ('after')");

        assertThat(version.current()).isNotEqualTo(before);
    }

    @Test
    void changedByTheCommitOfATransactionThatBeganBefore() throws SQLException {
        try (Connection slow = server.getPostgresDatabase().getConnection()) {
            slow.setAutoCommit(false);
            try (Statement statement = slow.createStatement()) {
                statement.executeUpdate("INSERT INTO events (payload) VALUES ('took its position first')");
            }
            jdbc.update("INSERT INTO events (payload) VALUES ('committed first')");
            StoreVersion.Version before = version.current();

            slow.commit();

            assertThat(version.current()).isNotEqualTo(before);
        }
    }

    @Test
    void changedWhenTheViewsWereReplaced() {
        StoreVersion.Version before = version.current();
        version.viewsReplaced();

        assertThat(version.current()).isNotEqualTo(before);
    }
}
