package org.contributionledger.query.trust;

import java.util.List;

import org.contributionledger.query.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reads of {@code trust_view} that stats and the network export need. The table belongs to this
 * package: {@link TrustViewProjection} writes it and answers the trust queries, this class the rest.
 */
@Component
public class TrustTotals {

    private final JdbcTemplate jdbc;

    public TrustTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many declarations in force are trust ({@code positive}) or distrust. */
    public long declarations(String communityId, boolean positive) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM trust_view WHERE community_id = ? AND trust_level "
                + (positive ? "> 0" : "< 0"), Long.class, communityId);
        return count == null ? 0 : count;
    }

    /**
     * Every declaration in force, ordered by truster, trustee and category; {@code category} as
     * stored, {@link TrustViewProjection#ALL_CATEGORIES} for all.
     */
    public List<TrustTie> all(String communityId) {
        return jdbc.query("SELECT truster, trustee, category, trust_level, note, declared_at FROM trust_view"
                        + " WHERE community_id = ? ORDER BY truster, trustee, category",
                (row, i) -> new TrustTie(communityId, row.getString(1), row.getString(2), row.getString(3),
                        row.getInt(4), row.getString(5), Sql.instant(row, 6)), communityId);
    }
}
