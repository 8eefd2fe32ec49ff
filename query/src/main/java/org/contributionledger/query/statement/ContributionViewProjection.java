package org.contributionledger.query.statement;

import java.time.Instant;

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
import org.contributionledger.query.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
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
                            occurred_at, recorded_at, recorded_by, description, evidence_url, status, status_changed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.communityId(), event.contributionId(), event.giver(), event.receiver(), event.category(),
                event.value(), Sql.timestamp(event.occurredAt()), Sql.timestamp(at), event.recordedBy().name(),
                event.description(), event.evidenceUrl(), event.status().name(), Sql.timestamp(at));
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
     * Forgets the texts the erased member wrote: the description and evidence URL of the acts they
     * recorded, the reason of the acts they disputed (the receiver disputes) or revoked (the recorder
     * revokes). The acts, their figures and statuses stay, and so does what the other side wrote.
     */
    @EventHandler
    public void on(MemberErased event) {
        // What the recorder wrote: the description, the evidence URL and, once revoked, the reason.
        for (RecordedBy recorder : RecordedBy.values()) {
            String side = recorder == RecordedBy.GIVER ? "giver" : "receiver";
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
}
