package org.contributionledger.query.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A private H2 database with the ledger's schema (see {@link ViewSchema}): the same view tables and
 * indexes as the live database, so the same projection and query classes run on it. In memory, or
 * in a temporary directory when it may hold a whole store's views ({@link #onDisk()}): a million
 * acts' rows and indexes alone would fill a 2 GiB heap.
 *
 * <p>It lives as long as its keeper connection: {@link #close()} closes that connection and H2 drops
 * the database once the last connection using it is closed (and its directory is deleted). Later
 * connections fail (the URL says {@code IFEXISTS=TRUE}) rather than find a new empty database under
 * the same name.
 */
final class ScratchDatabase implements AutoCloseable {

    private final Connection keeper;
    private final JdbcTemplate jdbc;
    /** Null in memory. */
    private final Path directory;

    private ScratchDatabase(Connection keeper, JdbcTemplate jdbc, Path directory) {
        this.keeper = keeper;
        this.jdbc = jdbc;
        this.directory = directory;
    }

    /** In memory: for the views of one community, as of a past position. */
    static ScratchDatabase create() {
        return open("jdbc:h2:mem:views-" + UUID.randomUUID(), null);
    }

    /** In a temporary directory, not synced (nothing in it outlives the process): for every view of the store. */
    static ScratchDatabase onDisk() {
        try {
            Path directory = Files.createTempDirectory("ledger-views-");
            return open("jdbc:h2:file:" + directory.resolve("views").toAbsolutePath() + ";TRACE_LEVEL_FILE=0", directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a directory for a scratch database of the views", e);
        }
    }

    private static ScratchDatabase open(String url, Path directory) {
        try {
            Connection keeper = DriverManager.getConnection(url, "sa", "");
            SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                    url + ";IFEXISTS=TRUE", "sa", "");
            ScratchDatabase database = new ScratchDatabase(keeper, new JdbcTemplate(dataSource), directory);
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
            if (directory != null) {
                // Closes the files now, whatever other connection is still open (one may be bound to a
                // transaction of the live database until it ends), so that the directory can go.
                try (var statement = keeper.createStatement()) {
                    statement.execute("SHUTDOWN");
                }
            }
            keeper.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not close a scratch database", e);
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete the scratch database in " + directory, e);
            }
        }
    }
}
