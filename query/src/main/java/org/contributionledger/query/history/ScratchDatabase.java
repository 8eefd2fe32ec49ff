package org.contributionledger.query.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A private in-memory H2 database with the ledger's schema (see {@link ViewSchema}): the same view
 * tables and indexes as the live database, so the same projection and query classes run on it.
 *
 * <p>It lives as long as its keeper connection: {@link #close()} closes that connection and H2 drops
 * the database once the last connection using it is closed. Later connections fail (the URL says
 * {@code IFEXISTS=TRUE}) rather than find a new empty database under the same name.
 */
final class ScratchDatabase implements AutoCloseable {

    private final Connection keeper;
    private final JdbcTemplate jdbc;

    private ScratchDatabase(Connection keeper, JdbcTemplate jdbc) {
        this.keeper = keeper;
        this.jdbc = jdbc;
    }

    static ScratchDatabase create() {
        String url = "jdbc:h2:mem:views-" + UUID.randomUUID();
        try {
            Connection keeper = DriverManager.getConnection(url, "sa", "");
            SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                    url + ";IFEXISTS=TRUE", "sa", "");
            ScratchDatabase database = new ScratchDatabase(keeper, new JdbcTemplate(dataSource));
            try (var statement = keeper.createStatement()) {
                for (String ddl : ViewSchema.ddl()) {
                    statement.execute(ddl);
                }
            }
            return database;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a scratch database for the views", e);
        }
    }

    /** The connection that keeps the database alive; for bulk work in one transaction of its own. */
    Connection keeper() {
        return keeper;
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        try {
            keeper.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not close a scratch database", e);
        }
    }
}
