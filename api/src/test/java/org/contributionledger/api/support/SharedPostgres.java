package org.contributionledger.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL server for all the tests of a JVM, each test class in a database of its
 * own: a new database takes milliseconds, a new server (initdb, start) seconds. The server stops
 * when the JVM exits (the library's own shutdown hook), after the classes' ledgers, which close at
 * the end of their class ({@code @DirtiesContext}). So no ledger ever outlives its database, and a
 * ledger's last writes at shutdown (e.g. the keys' last use) still reach it.
 * <p>
 * Tests that stop and start PostgreSQL themselves (a database outage) keep a server of their own.
 */
public final class SharedPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private SharedPostgres() {
    }

    /** The shared server, started at the first call. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** A new, empty database on the shared server, named after {@code purpose}; returns its name. */
    public static String newDatabase(String purpose) {
        String name = purpose.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return name;
    }

    /** The JDBC URL of {@code database} on the shared server, for the user {@code postgres} (no password). */
    public static String jdbcUrl(String database) {
        return server().getJdbcUrl("postgres", database);
    }

    public static DataSource dataSource(String database) {
        return server().getDatabase("postgres", database);
    }
}
