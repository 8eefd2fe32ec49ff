package org.contributionledger.query.history;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.contributionledger.core.community.Community;
import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.contribution.Contribution;
import org.contributionledger.core.contribution.ContributionConfirmed;
import org.contributionledger.core.contribution.ContributionDisputed;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.Member;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.trust.Trust;
import org.contributionledger.core.trust.TrustDeclared;

/**
 * Writes a large, valid history straight into Axon's event table, for measuring rebuilds and
 * replays: a community, its members, then acts between them (each recorded by its giver and
 * confirmed by its receiver, one in ten disputed instead) and, every twentieth act, a trust
 * declaration of the giver in the receiver. Each event is serialized with the given serializer
 * (the application's event serializer encrypts the personal fields as the live write path does)
 * and inserted by JDBC batches, one transaction per {@value #COMMIT_EVERY} events, as Axon's
 * storage engine would store it. Nothing else is written: no view row, no hash chain link.
 * The same arguments give the same events (identifiers and times are derived from the index),
 * except the ciphertexts.
 *
 * <p>Entry point: {@link #write(DataSource, Serializer, String, int, long)}.
 */
public final class SyntheticEventStore {

    static final int COMMIT_EVERY = 20_000;

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final String INSERT = "INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type,"
            + " eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Serializer serializer;
    private final String communityId;
    private final byte[] noMetaData;
    private final PreparedStatement insert;
    private long written;

    private SyntheticEventStore(Serializer serializer, String communityId, PreparedStatement insert) {
        this.serializer = serializer;
        this.communityId = communityId;
        this.noMetaData = serializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
        this.insert = insert;
    }

    /**
     * Appends at least {@code events} events of a new community {@code communityId} with
     * {@code members} members (at least 2) to the store's event table.
     *
     * @return the number of events written (the last act's events may go one past {@code events})
     */
    public static long write(DataSource store, Serializer serializer, String communityId, int members, long events) {
        if (members < 2) {
            throw new IllegalArgumentException("Acts need at least two members");
        }
        try (Connection connection = store.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                SyntheticEventStore writer = new SyntheticEventStore(serializer, communityId, insert);
                writer.history(connection, members, events);
                insert.executeBatch();
                connection.commit();
                return writer.written;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the synthetic events", e);
        }
    }

    private void history(Connection connection, int members, long events) throws SQLException {
        append(connection, "Community", Community.aggregateId(communityId), 0,
                new CommunityCreated(communityId, "Synthetic " + communityId, CommunitySettings.defaults()));
        for (int m = 0; m < members && written < events; m++) {
            append(connection, "Member", Member.aggregateId(communityId, member(m)), 0,
                    new MemberRegistered(communityId, member(m), "Member " + m));
        }
        for (long act = 0; written < events; act++) {
            int giverIndex = (int) (act % members);
            String giver = member(giverIndex);
            String receiver = member((int) ((giverIndex + 1 + (act / members) % (members - 1)) % members));
            String id = "s-" + act;
            BigDecimal value = BigDecimal.valueOf(1 + act % 50);
            Instant occurredAt = START.plusSeconds(act);
            String aggregate = Contribution.aggregateId(communityId, id);
            append(connection, "Contribution", aggregate, 0, new ContributionRecorded(communityId, id, giver, receiver,
                    "help", value, occurredAt, "Act " + act, null, RecordedBy.GIVER, ContributionStatus.PENDING));
            append(connection, "Contribution", aggregate, 1, act % 10 == 9
                    ? new ContributionDisputed(communityId, id, giver, receiver, "help", value, occurredAt, receiver,
                    "Not as described")
                    : new ContributionConfirmed(communityId, id, giver, receiver, "help", value, occurredAt, receiver));
            if (act % 20 == 0 && act < (long) members * (members - 1)) {
                // Each (giver, receiver) pair at most once: a second declaration would need the next sequence number.
                append(connection, "Trust", Trust.aggregateId(communityId, giver, receiver, null), 0,
                        new TrustDeclared(communityId, giver, receiver, null, 1 + (int) (act % 5), null, occurredAt));
            }
        }
    }

    private static String member(int index) {
        return "m" + index;
    }

    private void append(Connection connection, String type, String aggregate, long sequence, Object payload)
            throws SQLException {
        SerializedObject<byte[]> data = serializer.serialize(payload, byte[].class);
        // Recorded after it occurred: the act's time is START + act seconds, and there are at least two events per act.
        Instant at = START.plusSeconds(written);
        insert.setString(1, aggregate);
        insert.setLong(2, sequence);
        insert.setString(3, type);
        insert.setString(4, UUID.nameUUIDFromBytes((communityId + "#" + written).getBytes(StandardCharsets.UTF_8)).toString());
        insert.setBytes(5, noMetaData);
        insert.setBytes(6, data.getData());
        insert.setString(7, data.getType().getRevision());
        insert.setString(8, data.getType().getName());
        insert.setString(9, DateTimeUtils.formatInstant(at));
        insert.addBatch();
        written++;
        if (written % 1_000 == 0) {
            insert.executeBatch();
        }
        if (written % COMMIT_EVERY == 0) {
            connection.commit();
        }
    }
}
