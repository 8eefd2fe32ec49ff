package org.contributionledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Where both sides store their data: H2 files (each server opens its own, with its default durable
 * URL) or one embedded PostgreSQL server, a fresh database per side.
 */
final class Database implements AutoCloseable {

    private final String name;
    private final EmbeddedPostgres postgres;

    private Database(String name, EmbeddedPostgres postgres) {
        this.name = name;
        this.postgres = postgres;
    }

    static Database open(String name, Path workDir) {
        switch (name) {
            case "h2":
                return new Database(name, null);
            case "postgres":
                try {
                    // The library turns synchronous_commit off for tests' speed; durable means
                    // committed, so both sides get PostgreSQL's default back.
                    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                            .setDataDirectory(workDir.resolve("postgres"))
                            .setCleanDataDirectory(true)
                            .setServerConfig("synchronous_commit", "on")
                            .setServerConfig("fsync", "on")
                            .start();
                    return new Database(name, postgres);
                } catch (IOException e) {
                    throw new UncheckedIOException("PostgreSQL did not start", e);
                }
            default:
                throw new IllegalArgumentException("Unknown database '" + name + "': h2 or postgres");
        }
    }

    String name() {
        return name;
    }

    boolean isPostgres() {
        return postgres != null;
    }

    /** Creates an empty database called {@code database} and returns its JDBC URL. */
    String newDatabase(String database) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
            return postgres.getJdbcUrl("postgres", database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
