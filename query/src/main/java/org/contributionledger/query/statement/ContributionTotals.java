package org.contributionledger.query.statement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.query.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sums over {@code contribution_view} that reciprocity, stats and the network export need. The
 * table belongs to this package: {@link ContributionViewProjection} writes it, {@link StatementQueries}
 * and this class read it, and nothing else touches it, so a change of its columns stays here.
 *
 * <p>Every sum is over the members acts count for ({@code giver_member}, {@code receiver_member}):
 * a merged-away member's acts are the staying member's, and an act between two members merged into
 * one gives nothing to anyone, as an act to oneself cannot be recorded.
 */
@Component
public class ContributionTotals {

    private static final String CONFIRMED_PAIRS = """
            SELECT DISTINCT giver_member, receiver_member FROM contribution_view
            WHERE community_id = ? AND status = 'CONFIRMED' AND giver_member <> receiver_member""";

    private final JdbcTemplate jdbc;

    public ContributionTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Acts of one status (or a set of them, see the methods) and their summed value. */
    public record Total(long count, BigDecimal value) {
    }

    public record PartnerTotal(String partner, ContributionStatus status, Total total) {
    }

    public record GiftTotal(String giver, String receiver, String category, Total total) {
    }

    /**
     * A member's acts that are neither revoked nor reversed, per partner and status: those the member gave
     * ({@code given}) or received.
     */
    public List<PartnerTotal> byPartner(String communityId, String memberId, boolean given) {
        String member = given ? "giver_member" : "receiver_member";
        String partner = given ? "receiver_member" : "giver_member";
        return jdbc.query("SELECT " + partner + ", status, COUNT(*), SUM(act_value) FROM contribution_view"
                        + " WHERE community_id = ? AND " + member + " = ? AND " + partner + " <> " + member
                        + " AND status NOT IN ('REVOKED', 'REVERSED') GROUP BY " + partner + ", status",
                (row, i) -> new PartnerTotal(row.getString(1), ContributionStatus.valueOf(row.getString(2)),
                        new Total(row.getLong(3), row.getBigDecimal(4))), communityId, memberId);
    }

    /**
     * A member's confirmed acts per partner, those the member gave ({@code given}) or received, that
     * occurred at or after {@code since} (all of them when null): a member's balance over a window.
     */
    public Map<String, Total> confirmedByPartner(String communityId, String memberId, boolean given, Instant since) {
        String member = given ? "giver_member" : "receiver_member";
        String partner = given ? "receiver_member" : "giver_member";
        List<Object> args = new ArrayList<>(List.of(communityId, memberId));
        StringBuilder sql = new StringBuilder("SELECT " + partner + ", COUNT(*), SUM(act_value) FROM contribution_view"
                + " WHERE community_id = ? AND " + member + " = ? AND " + partner + " <> " + member
                + " AND status = 'CONFIRMED'");
        if (since != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(Sql.timestamp(since));
        }
        sql.append(" GROUP BY ").append(partner);
        Map<String, Total> totals = new TreeMap<>();
        jdbc.query(sql.toString(), row -> {
            totals.put(row.getString(1), new Total(row.getLong(2), row.getBigDecimal(3)));
        }, args.toArray());
        return totals;
    }

    /** The confirmed value a member received per category, all time. */
    public Map<String, Total> confirmedReceivedByCategory(String communityId, String memberId) {
        Map<String, Total> totals = new TreeMap<>();
        jdbc.query("SELECT category, COUNT(*), SUM(act_value) FROM contribution_view WHERE community_id = ?"
                        + " AND receiver_member = ? AND giver_member <> receiver_member AND status = 'CONFIRMED'"
                        + " GROUP BY category",
                row -> {
                    totals.put(row.getString(1), new Total(row.getLong(2), row.getBigDecimal(3)));
                }, communityId, memberId);
        return totals;
    }

    /** The acts one member gave another that are neither revoked nor reversed, per status. */
    public Map<ContributionStatus, Total> between(String communityId, String giver, String receiver) {
        Map<ContributionStatus, Total> totals = new TreeMap<>();
        jdbc.query("""
                        SELECT status, COUNT(*), SUM(act_value) FROM contribution_view
                        WHERE community_id = ? AND giver_member = ? AND receiver_member = ? AND giver_member <> receiver_member
                        AND status NOT IN ('REVOKED', 'REVERSED') GROUP BY status""",
                row -> {
                    totals.put(ContributionStatus.valueOf(row.getString(1)), new Total(row.getLong(2), row.getBigDecimal(3)));
                }, communityId, giver, receiver);
        return totals;
    }

    /** The community's acts per status, every status present (0 when none). */
    public Map<ContributionStatus, Long> countByStatus(String communityId) {
        Map<ContributionStatus, Long> counts = new TreeMap<>();
        for (ContributionStatus status : ContributionStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.query("SELECT status, COUNT(*) FROM contribution_view WHERE community_id = ? GROUP BY status",
                row -> {
                    counts.put(ContributionStatus.valueOf(row.getString(1)), row.getLong(2));
                }, communityId);
        return counts;
    }

    public BigDecimal confirmedValue(String communityId) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(act_value), 0) FROM contribution_view"
                + " WHERE community_id = ? AND status = 'CONFIRMED'", BigDecimal.class, communityId);
    }

    /**
     * {@code edges}: ordered pairs (giver, receiver) with at least one confirmed act;
     * {@code reciprocated}: those whose reverse is a giving edge too (each reciprocated pair counted
     * from both ends).
     */
    public record GivingEdges(long edges, long reciprocated) {
    }

    /**
     * One scan of the community's confirmed pairs, matched in memory. The same count in SQL (an
     * EXISTS per pair, looking up the reverse pair among the acts) took minutes on a million acts on
     * H2; this takes one pass over the pairs and memory for them while it runs.
     */
    public GivingEdges givingEdges(String communityId) {
        Set<String> pairs = new HashSet<>();
        jdbc.query(CONFIRMED_PAIRS, row -> {
            pairs.add(pair(row.getString(1), row.getString(2)));
        }, communityId);
        long reciprocated = 0;
        for (String pair : pairs) {
            int separator = pair.indexOf('\0');
            if (pairs.contains(pair(pair.substring(separator + 1), pair.substring(0, separator)))) {
                reciprocated++;
            }
        }
        return new GivingEdges(pairs.size(), reciprocated);
    }

    /** Member ids never hold a NUL character (Ids.PATTERN: letters, digits and {@code ._:@+-}). */
    private static String pair(String giver, String receiver) {
        return giver + '\0' + receiver;
    }

    /** Confirmed acts per giver (or receiver), keyed by member. */
    public Map<String, Total> confirmedPerMember(String communityId, boolean given) {
        String side = given ? "giver_member" : "receiver_member";
        Map<String, Total> totals = new TreeMap<>();
        jdbc.query("SELECT " + side + ", COUNT(*), SUM(act_value) FROM contribution_view WHERE community_id = ?"
                        + " AND status = 'CONFIRMED' AND giver_member <> receiver_member GROUP BY " + side,
                row -> {
                    totals.put(row.getString(1), new Total(row.getLong(2), row.getBigDecimal(3)));
                }, communityId);
        return totals;
    }

    /** Confirmed acts per (giver, receiver, category), in that order. */
    public List<GiftTotal> confirmedGifts(String communityId) {
        return jdbc.query("SELECT giver_member, receiver_member, category, COUNT(*), SUM(act_value) FROM contribution_view"
                        + " WHERE community_id = ? AND status = 'CONFIRMED' AND giver_member <> receiver_member"
                        + " GROUP BY giver_member, receiver_member, category ORDER BY giver_member, receiver_member, category",
                (row, i) -> new GiftTotal(row.getString(1), row.getString(2), row.getString(3),
                        new Total(row.getLong(4), row.getBigDecimal(5))), communityId);
    }

    private long count(String sql, Object... args) {
        Long value = jdbc.queryForObject(sql, Long.class, args);
        return value == null ? 0 : value;
    }
}
