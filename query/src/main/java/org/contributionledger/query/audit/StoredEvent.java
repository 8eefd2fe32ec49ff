package org.contributionledger.query.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of Axon's event table ({@code DomainEventEntry}) exactly as stored: the bytes the hash
 * chain covers. Read by JDBC, never through the serializer, so that an edit of the stored row is
 * seen as it is rather than as the event it would deserialize to.
 *
 * @param position            {@code globalIndex}: the event's place in the global order
 * @param payloadRevision     null when the event type has no revision
 * @param timeStamp           the timestamp column's text, as Axon wrote it (ISO-8601)
 * @param metaData            null when the row has none
 */
public record StoredEvent(long position, String eventIdentifier, String payloadType, String payloadRevision,
                          String aggregateIdentifier, long sequenceNumber, String timeStamp, byte[] payload,
                          byte[] metaData) {

    /** The columns {@link #of(ResultSet)} reads, in its order. */
    static final String COLUMNS = "globalIndex, eventIdentifier, payloadType, payloadRevision, aggregateIdentifier, "
            + "sequenceNumber, timeStamp, payload, metaData";

    static StoredEvent of(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getLong(6), row.getString(7), row.getBytes(8), row.getBytes(9));
    }
}
