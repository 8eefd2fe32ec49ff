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
 * On PostgreSQL the store's version moves with every event committed, including one of a
 * transaction that took its position before a later event committed (below the head when it
 * becomes visible), and stays the same while no event commits, writes to other tables included.
 * <p>
 * A server of its own: other test classes' ledgers on the shared one write in the background, and
 * a transaction snapshot covers every database of a server.
 */
class StoreVersionPostgresIT {

    private static EmbeddedPostgres server;
    private static JdbcTemplate jdbc;
    private static StoreVersion version;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedPostgres.builder().start();
        jdbc = new JdbcTemplate(server.getPostgresDatabase());
        jdbc.execute("CREATE TABLE DomainEventEntry (globalIndex BIGSERIAL PRIMARY KEY, payload TEXT)");
        jdbc.execute("CREATE TABLE other_table (value TEXT)");
        version = new StoreVersion(jdbc);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void theSameWhileNothingCommits() {
        StoreVersion.Version before = version.current();
        jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);

        assertThat(version.current()).isEqualTo(before);
    }

    @Test
    void theSameWhenOnlyOtherTablesChange() {
        StoreVersion.Version before = version.current();
        jdbc.update("INSERT INTO other_table (value) VALUES ('a claim renewed')");

        assertThat(version.current()).isEqualTo(before);
    }

    @Test
    void changedByACommit() {
        StoreVersion.Version before = version.current();
        jdbc.update("INSERT INTO DomainEventEntry (payload) VALUES ('after')");

        assertThat(version.current()).isNotEqualTo(before);
    }

    @Test
    void changedByTheCommitOfATransactionThatBeganBefore() throws SQLException {
        try (Connection slow = server.getPostgresDatabase().getConnection()) {
            slow.setAutoCommit(false);
            try (Statement statement = slow.createStatement()) {
                statement.executeUpdate("INSERT INTO DomainEventEntry (payload) VALUES ('took its position first')");
            }
            jdbc.update("INSERT INTO DomainEventEntry (payload) VALUES ('committed first')");
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
