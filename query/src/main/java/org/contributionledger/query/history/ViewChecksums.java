package org.contributionledger.query.history;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One SHA-256 checksum per view table, the same on H2 and PostgreSQL for the same rows:
 * <ol>
 * <li>each row is encoded as its columns in the table's column order, each column as its text
 * (numbers in plain notation with the column's scale, times as ISO-8601 instants in UTC, booleans as
 * {@code true}/{@code false}) in UTF-8, preceded by its length in bytes as a 4-byte big-endian
 * integer; a null is the length -1 and no bytes;</li>
 * <li>the row's digest is the SHA-256 of that encoding;</li>
 * <li>the table's checksum is the SHA-256 of the row digests concatenated in key order (the key
 * columns compared one after the other as Java compares strings: the databases' own
 * collations differ). An empty table's checksum is the SHA-256 of nothing.</li>
 * </ol>
 * Two tables with the same rows have the same checksum whatever order they were written in.
 */
public final class ViewChecksums {

    private static final int FETCH_ROWS = 1_000;

    private ViewChecksums() {
    }

    /** Table name to checksum (lowercase hex), in the order of {@link ViewTable#ALL}. */
    public static Map<String, String> of(JdbcTemplate views) {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (ViewTable table : ViewTable.ALL) {
            checksums.put(table.name(), of(views, table));
        }
        return checksums;
    }

    static String of(JdbcTemplate views, ViewTable table) {
        List<KeyedDigest> rows = views.execute((ConnectionCallback<List<KeyedDigest>>) connection -> {
            // PostgreSQL's driver reads a whole result into memory unless the statement has a fetch
            // size and runs inside a transaction: a view of a million acts did not fit in 2 GiB of
            // heap during a rebuild. Rows are read in pages instead (H2 takes the size as a hint).
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(FETCH_ROWS);
                List<KeyedDigest> digests = new ArrayList<>();
                try (ResultSet row = statement.executeQuery("SELECT * FROM " + table.name())) {
                    ResultSetMetaData columns = row.getMetaData();
                    while (row.next()) {
                        List<String> key = new ArrayList<>(table.key().size());
                        for (String column : table.key()) {
                            key.add(row.getString(column));
                        }
                        digests.add(new KeyedDigest(key, rowDigest(row, columns)));
                    }
                }
                return digests;
            } finally {
                if (autoCommit) {
                    connection.rollback(); // only read
                    connection.setAutoCommit(true);
                }
            }
        });
        rows.sort(KeyedDigest.ORDER);
        MessageDigest table256 = sha256();
        rows.forEach(row -> table256.update(row.digest()));
        return HexFormat.of().formatHex(table256.digest());
    }

    private static byte[] rowDigest(ResultSet row, ResultSetMetaData columns) throws SQLException {
        MessageDigest digest = sha256();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            String text = text(row, i);
            if (text == null) {
                digest.update(new byte[] {-1, -1, -1, -1});
                continue;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                    (byte) (bytes.length >>> 8), (byte) bytes.length});
            digest.update(bytes);
        }
        return digest.digest();
    }

    private static String text(ResultSet row, int column) throws SQLException {
        Object value = row.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof OffsetDateTime || value instanceof java.sql.Timestamp) {
            return row.getObject(column, OffsetDateTime.class).toInstant().toString();
        }
        return value.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private record KeyedDigest(List<String> key, byte[] digest) {

        static final Comparator<KeyedDigest> ORDER = (a, b) -> {
            for (int i = 0; i < a.key.size(); i++) {
                int compared = a.key.get(i).compareTo(b.key.get(i));
                if (compared != 0) {
                    return compared;
                }
            }
            return 0;
        };
    }
}
