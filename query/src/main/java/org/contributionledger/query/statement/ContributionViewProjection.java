package org.contributionledger.query.statement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.contributionledger.core.contribution.ContributionConfirmed;
import org.contributionledger.core.contribution.ContributionCorrected;
import org.contributionledger.core.contribution.ContributionDisputed;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionReversed;
import org.contributionledger.core.contribution.ContributionRevoked;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberErased;
import org.contributionledger.core.member.MembersMerged;
import org.contributionledger.query.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.stereotype.Component;

/**
 * One row per act with its current status: the table behind statements, reciprocity and stats.
 * It runs in the "ledger-views" processing group, subscribing by default so that a read right
 * after a write reflects it.
 */
@Component
@ProcessingGroup(ContributionViewProjection.PROCESSING_GROUP)
public class ContributionViewProjection {

    public static final String PROCESSING_GROUP = "ledger-views";

    private final JdbcTemplate jdbc;

    public ContributionViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ContributionRecorded event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO contribution_view (community_id, contribution_id, giver, receiver, category, act_value,
                            occurred_at, recorded_at, recorded_by, description, evidence_url, status, status_changed_at,
                            giver_member, receiver_member)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.communityId(), event.contributionId(), event.giver(), event.receiver(), event.category(),
                event.value(), Sql.timestamp(event.occurredAt()), Sql.timestamp(at), event.recordedBy().name(),
                event.description(), event.evidenceUrl(), event.status().name(), Sql.timestamp(at), event.giver(),
                event.receiver());
    }

    /**
     * From now on the merged member's acts, and those of every member merged into it before, count
     * for the staying member: statements, reciprocity and totals read the member columns. The acts
     * keep the ids they were recorded with; an act between the two now has one member on both sides.
     */
    @EventHandler
    public void on(MembersMerged event) {
        jdbc.update("UPDATE contribution_view SET giver_member = ? WHERE community_id = ? AND giver_member = ?",
                event.memberId(), event.communityId(), event.mergedMemberId());
        jdbc.update("UPDATE contribution_view SET receiver_member = ? WHERE community_id = ? AND receiver_member = ?",
                event.memberId(), event.communityId(), event.mergedMemberId());
    }

    @EventHandler
    public void on(ContributionConfirmed event, @Timestamp Instant at) {
        setStatus(event.communityId(), event.contributionId(), ContributionStatus.CONFIRMED, null, at);
    }

    @EventHandler
    public void on(ContributionDisputed event, @Timestamp Instant at) {
        setStatus(event.communityId(), event.contributionId(), ContributionStatus.DISPUTED, event.reason(), at);
    }

    @EventHandler
    public void on(ContributionRevoked event, @Timestamp Instant at) {
        setStatus(event.communityId(), event.contributionId(), ContributionStatus.REVOKED, event.reason(), at);
    }

    /** A reversed act stays in the statement, with the administrator's reason, and counts nowhere else. */
    @EventHandler
    public void on(ContributionReversed event, @Timestamp Instant at) {
        setStatus(event.communityId(), event.contributionId(), ContributionStatus.REVERSED, event.reason(), at);
    }

    /**
     * The act's figures in force from now on. Statements, reciprocity and stats are read from this
     * row, so they all show the act as corrected from here on; the events keep the original.
     */
    @EventHandler
    public void on(ContributionCorrected event) {
        jdbc.update("""
                        UPDATE contribution_view SET category = ?, act_value = ?
                        WHERE community_id = ? AND contribution_id = ?""",
                event.category(), event.value(), event.communityId(), event.contributionId());
    }

    /**
     * Forgets the texts the erased member wrote (by the ids the acts were recorded with, so a
     * merged-away member's texts too; erasures are rare enough to read the community's rows for it): the description and evidence URL of the acts they
     * recorded, the reason of the acts they disputed (the receiver disputes) or revoked (the recorder
     * revokes). The acts, their figures and statuses stay, and so does what the other side wrote.
     */
    @EventHandler
    public void on(MemberErased event) {
        // What the recorder wrote: the description, the evidence URL and, once revoked, the reason.
        for (RecordedBy recorder : RecordedBy.values()) {
            // A platform's act describes the giver's activity: its texts are the giver's (ContributionRecorded.recorder).
            String side = recorder == RecordedBy.RECEIVER ? "receiver" : "giver";
            jdbc.update("UPDATE contribution_view SET description = NULL, evidence_url = NULL,"
                            + " status_reason = CASE WHEN status = 'REVOKED' THEN NULL ELSE status_reason END"
                            + " WHERE community_id = ? AND " + side + " = ? AND recorded_by = ?",
                    event.communityId(), event.memberId(), recorder.name());
        }
        // What the receiver wrote: the reason of a dispute.
        jdbc.update("""
                        UPDATE contribution_view SET status_reason = NULL
                        WHERE community_id = ? AND receiver = ? AND status = 'DISPUTED'""",
                event.communityId(), event.memberId());
    }

    /** A replay starts from an empty table, so that the view is a pure function of the events. */
    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM contribution_view");
    }

    private void setStatus(String communityId, String contributionId, ContributionStatus status, String reason,
                           Instant at) {
        jdbc.update("""
                        UPDATE contribution_view SET status = ?, status_reason = ?, status_changed_at = ?
                        WHERE community_id = ? AND contribution_id = ?""",
                status.name(), reason, Sql.timestamp(at), communityId, contributionId);
    }

    /**
     * The same table folded in memory from a run of events, for a rebuild: each event changes the
     * rows exactly as the handler above changes the table (an update of a missing row changes
     * nothing), and {@link #insertInto} writes the result with batch inserts. Kept next to the
     * handlers so that a change to one is made to the other; a property test feeds both the same
     * random histories and compares the tables.
     */
    public static final class Fold {

        /** The events that change this table. */
        public static final Set<Class<?>> EVENTS = Set.of(ContributionRecorded.class, ContributionConfirmed.class,
                ContributionDisputed.class, ContributionRevoked.class, ContributionReversed.class,
                ContributionCorrected.class, MemberErased.class, MembersMerged.class);

        /** Rows by community, then by contribution id: an erasure looks at its community's rows only. */
        private final Map<String, Map<String, Row>> rows = new HashMap<>();

        public void on(Object event, Instant at) {
            if (event instanceof ContributionRecorded e) {
                Row row = new Row(e.giver(), e.receiver(), e.category(), e.value(), e.occurredAt(), at,
                        e.recordedBy().name(), e.description(), e.evidenceUrl(), e.status().name(), at);
                if (rows.computeIfAbsent(e.communityId(), c -> new HashMap<>()).putIfAbsent(e.contributionId(), row) != null) {
                    throw new IllegalStateException("Contribution " + e.contributionId() + " of " + e.communityId()
                            + " recorded twice: the contribution view's primary key refuses it");
                }
            } else if (event instanceof ContributionConfirmed e) {
                setStatus(e.communityId(), e.contributionId(), ContributionStatus.CONFIRMED, null, at);
            } else if (event instanceof ContributionDisputed e) {
                setStatus(e.communityId(), e.contributionId(), ContributionStatus.DISPUTED, e.reason(), at);
            } else if (event instanceof ContributionRevoked e) {
                setStatus(e.communityId(), e.contributionId(), ContributionStatus.REVOKED, e.reason(), at);
            } else if (event instanceof ContributionReversed e) {
                setStatus(e.communityId(), e.contributionId(), ContributionStatus.REVERSED, e.reason(), at);
            } else if (event instanceof ContributionCorrected e) {
                Row row = find(e.communityId(), e.contributionId());
                if (row != null) {
                    row.category = e.category();
                    row.value = e.value();
                }
            } else if (event instanceof MembersMerged e) {
                for (Row row : rows.getOrDefault(e.communityId(), Map.of()).values()) {
                    if (row.giverMember.equals(e.mergedMemberId())) {
                        row.giverMember = e.memberId();
                    }
                    if (row.receiverMember.equals(e.mergedMemberId())) {
                        row.receiverMember = e.memberId();
                    }
                }
            } else if (event instanceof MemberErased e) {
                String member = e.memberId();
                for (Row row : rows.getOrDefault(e.communityId(), Map.of()).values()) {
                    String recorder = RecordedBy.RECEIVER.name().equals(row.recordedBy) ? row.receiver : row.giver;
                    if (recorder.equals(member)) {
                        row.description = null;
                        row.evidenceUrl = null;
                        if (ContributionStatus.REVOKED.name().equals(row.status)) {
                            row.statusReason = null;
                        }
                    }
                    if (row.receiver.equals(member) && ContributionStatus.DISPUTED.name().equals(row.status)) {
                        row.statusReason = null;
                    }
                }
            }
        }

        private Row find(String communityId, String contributionId) {
            Map<String, Row> community = rows.get(communityId);
            return community == null ? null : community.get(contributionId);
        }

        private void setStatus(String communityId, String contributionId, ContributionStatus status, String reason,
                               Instant at) {
            Row row = find(communityId, contributionId);
            if (row != null) {
                row.status = status.name();
                row.statusReason = reason;
                row.statusChangedAt = at;
            }
        }

        /** Inserts every row into an empty contribution view, in JDBC batches of {@code batch}; returns the count. */
        public long insertInto(JdbcTemplate jdbc, int batch) {
            List<Map.Entry<String, Map.Entry<String, Row>>> all = new ArrayList<>();
            rows.forEach((community, byId) -> byId.entrySet().forEach(row -> all.add(Map.entry(community, row))));
            // In key order: each insert then lands next to the one before in the primary key's tree,
            // where random order would touch (and make the database write again) a page per row.
            all.sort(Map.Entry.<String, Map.Entry<String, Row>>comparingByKey()
                    .thenComparing(entry -> entry.getValue().getKey()));
            ParameterizedPreparedStatementSetter<Map.Entry<String, Map.Entry<String, Row>>> values = (statement, entry) -> {
                Row row = entry.getValue().getValue();
                statement.setString(1, entry.getKey());
                statement.setString(2, entry.getValue().getKey());
                statement.setString(3, row.giver);
                statement.setString(4, row.receiver);
                statement.setString(5, row.category);
                statement.setBigDecimal(6, row.value);
                statement.setObject(7, Sql.timestamp(row.occurredAt));
                statement.setObject(8, Sql.timestamp(row.recordedAt));
                statement.setString(9, row.recordedBy);
                statement.setString(10, row.description);
                statement.setString(11, row.evidenceUrl);
                statement.setString(12, row.status);
                statement.setObject(13, Sql.timestamp(row.statusChangedAt));
                statement.setString(14, row.statusReason);
                statement.setString(15, row.giverMember);
                statement.setString(16, row.receiverMember);
            };
            jdbc.batchUpdate("""
                    INSERT INTO contribution_view (community_id, contribution_id, giver, receiver, category, act_value,
                        occurred_at, recorded_at, recorded_by, description, evidence_url, status, status_changed_at,
                        status_reason, giver_member, receiver_member)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", all, batch, values);
            return all.size();
        }

        private static final class Row {
            final String giver;
            final String receiver;
            /** Whom the act counts for: giver and receiver, or the members they were merged into. */
            String giverMember;
            String receiverMember;
            String category;
            BigDecimal value;
            final Instant occurredAt;
            final Instant recordedAt;
            final String recordedBy;
            String description;
            String evidenceUrl;
            String status;
            Instant statusChangedAt;
            String statusReason;

            Row(String giver, String receiver, String category, BigDecimal value, Instant occurredAt,
                Instant recordedAt, String recordedBy, String description, String evidenceUrl, String status,
                Instant statusChangedAt) {
                this.giver = giver;
                this.receiver = receiver;
                this.giverMember = giver;
                this.receiverMember = receiver;
                this.category = category;
                this.value = value;
                this.occurredAt = occurredAt;
                this.recordedAt = recordedAt;
                this.recordedBy = recordedBy;
                this.description = description;
                this.evidenceUrl = evidenceUrl;
                this.status = status;
                this.statusChangedAt = statusChangedAt;
            }
        }
    }
}
