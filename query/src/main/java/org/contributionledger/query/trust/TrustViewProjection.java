package org.contributionledger.query.trust;

import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.core.trust.TrustWithdrawn;
import org.contributionledger.query.Sql;
import org.contributionledger.query.statement.ContributionViewProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The trust declarations in force: one row per (truster, trustee, category), category '*' meaning all. */
@Component
@ProcessingGroup(ContributionViewProjection.PROCESSING_GROUP)
public class TrustViewProjection {

    public static final String ALL_CATEGORIES = "*";

    private final JdbcTemplate jdbc;

    public TrustViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Update first, insert when there was nothing to update: one statement that works on H2 and PostgreSQL alike. */
    @EventHandler
    public void on(TrustDeclared event) {
        String category = event.category() == null ? ALL_CATEGORIES : event.category();
        int updated = jdbc.update("""
                        UPDATE trust_view SET trust_level = ?, note = ?, declared_at = ?
                        WHERE community_id = ? AND truster = ? AND trustee = ? AND category = ?""",
                event.level(), event.note(), Sql.timestamp(event.declaredAt()), event.communityId(), event.truster(),
                event.trustee(), category);
        if (updated == 0) {
            jdbc.update("""
                            INSERT INTO trust_view (community_id, truster, trustee, category, trust_level, note, declared_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    event.communityId(), event.truster(), event.trustee(), category, event.level(), event.note(),
                    Sql.timestamp(event.declaredAt()));
        }
    }

    @EventHandler
    public void on(TrustWithdrawn event) {
        jdbc.update("DELETE FROM trust_view WHERE community_id = ? AND truster = ? AND trustee = ? AND category = ?",
                event.communityId(), event.truster(), event.trustee(),
                event.category() == null ? ALL_CATEGORIES : event.category());
    }

    @QueryHandler
    public Optional<TrustTie> handle(FindTrust query) {
        String category = query.category() == null ? ALL_CATEGORIES : query.category();
        return jdbc.query("""
                                SELECT trust_level, note, declared_at FROM trust_view
                                WHERE community_id = ? AND truster = ? AND trustee = ? AND category = ?""",
                (row, i) -> new TrustTie(query.communityId(), query.truster(), query.trustee(), query.category(),
                        row.getInt(1), row.getString(2), Sql.instant(row, 3)),
                query.communityId(), query.truster(), query.trustee(), category).stream().findFirst();
    }

    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM trust_view");
    }
}
