package org.contributionledger.api.durability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.contributionledger.query.durability.DsyncFilePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start that the database keeps what the ledger acknowledges, and says so in the log:
 * one line with the guarantee, or a warning per setting that weakens it. Runs before the HTTP
 * server accepts requests (it is a bean; the server starts after every bean).
 */
public class StorageDurability {

    /** Raises {@code synchronous_commit} to {@code on} only where it is {@code off}; see {@link DurabilityConfiguration}. */
    static final String POSTGRES_SYNCHRONOUS_COMMIT =
            "SELECT set_config('synchronous_commit', 'on', false) WHERE current_setting('synchronous_commit') = 'off'";

    private static final Logger log = LoggerFactory.getLogger(StorageDurability.class);

    public StorageDurability(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            String product = connection.getMetaData().getDatabaseProductName();
            List<String> warnings;
            String guarantee;
            if (url.startsWith("jdbc:h2:")) {
                warnings = h2Warnings(Integer.parseInt(setting(connection,
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")),
                        url.startsWith("jdbc:h2:" + DsyncFilePath.SCHEME + ":"));
                guarantee = "H2 writes each commit to the disk before the ledger answers";
            } else if ("PostgreSQL".equals(product)) {
                warnings = postgresWarnings(setting(connection, "SHOW fsync"),
                        setting(connection, "SHOW synchronous_commit"), setting(connection, "SHOW full_page_writes"));
                guarantee = "PostgreSQL flushes each commit's WAL to the disk before the ledger answers";
            } else {
                log.warn("Durability: {} is not a database the ledger checks; what survives a crash is up to it", product);
                return;
            }
            if (warnings.isEmpty()) {
                log.info("Durability: {}; an acknowledged write survives a crash of the process, of the OS "
                        + "or of the power", guarantee);
            }
            warnings.forEach(warning -> log.warn("DURABILITY AT RISK: {}", warning));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database's durability settings", e);
        }
    }

    /** What H2's settings put at risk; empty when every acknowledged write is on the disk. */
    static List<String> h2Warnings(int writeDelayMillis, boolean dsync) {
        List<String> warnings = new ArrayList<>();
        if (writeDelayMillis != 0) {
            warnings.add("H2 runs with WRITE_DELAY=" + writeDelayMillis + ": writes acknowledged in the last "
                    + writeDelayMillis + " ms before a crash, even of the process alone, can be lost. "
                    + "Add ;WRITE_DELAY=0 to the JDBC URL.");
        }
        if (!dsync) {
            warnings.add("H2's file is not opened with dsync: an acknowledged write can be lost on an OS crash "
                    + "or power loss. Use a jdbc:h2:dsync:<path> URL (the default).");
        }
        return warnings;
    }

    /** What PostgreSQL's settings, as seen by the ledger's own session, put at risk. */
    static List<String> postgresWarnings(String fsync, String synchronousCommit, String fullPageWrites) {
        List<String> warnings = new ArrayList<>();
        if (!"on".equals(fsync)) {
            warnings.add("PostgreSQL runs with fsync=" + fsync + ": an OS crash or power loss can lose "
                    + "acknowledged writes and corrupt the whole database. Never run production like this.");
        }
        if ("off".equals(synchronousCommit)) {
            warnings.add("PostgreSQL session has synchronous_commit=off: a server crash can lose the last "
                    + "acknowledged writes.");
        }
        if (!"on".equals(fullPageWrites)) {
            warnings.add("PostgreSQL runs with full_page_writes=" + fullPageWrites + ": an OS crash or power "
                    + "loss can leave torn pages that recovery cannot repair.");
        }
        return warnings;
    }

    private static String setting(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            if (!row.next()) {
                throw new SQLException("No answer to " + query);
            }
            return row.getString(1);
        }
    }
}
