package org.contributionledger.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between event times and SQL columns, the same on H2 and PostgreSQL. */
public final class Sql {

    private Sql() {
    }

    /** {@code TIMESTAMP WITH TIME ZONE} columns take an {@link OffsetDateTime} on every JDBC 4.2 driver. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
