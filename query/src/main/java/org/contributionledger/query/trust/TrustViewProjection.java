package org.contributionledger.query.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.core.member.MemberErased;
import org.contributionledger.core.member.MembersMerged;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.core.trust.TrustWithdrawn;
import org.contributionledger.query.Sql;
import org.contributionledger.query.paging.Keyset;
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
                        UPDATE trust_view SET trust_level = ?, note = ?, declared_at = ?, note_author = ?
                        WHERE community_id = ? AND truster = ? AND trustee = ? AND category = ?""",
                event.level(), event.note(), Sql.timestamp(event.declaredAt()), event.truster(), event.communityId(),
                event.truster(), event.trustee(), category);
        if (updated == 0) {
            jdbc.update("""
                            INSERT INTO trust_view (community_id, truster, trustee, category, trust_level, note, declared_at,
                                note_author) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    event.communityId(), event.truster(), event.trustee(), category, event.level(), event.note(),
                    Sql.timestamp(event.declaredAt()), event.truster());
        }
    }

    @EventHandler
    public void on(TrustWithdrawn event) {
        jdbc.update("DELETE FROM trust_view WHERE community_id = ? AND truster = ? AND trustee = ? AND category = ?",
                event.communityId(), event.truster(), event.trustee(),
                event.category() == null ? ALL_CATEGORIES : event.category());
    }

    /**
     * Forgets the notes the erased member wrote on their declarations, also those a merge moved to
     * another member; the levels stay.
     */
    @EventHandler
    public void on(MemberErased event) {
        jdbc.update("UPDATE trust_view SET note = NULL WHERE community_id = ? AND note_author = ?",
                event.communityId(), event.memberId());
    }

    /**
     * The merged member's ties become the staying member's, as if one member had declared them all:
     * where both declared trust in the same member (or were trusted by the same member) for the
     * same category, the most recent declaration stands (the staying member's on a tie); trust
     * between the two would be trust in oneself, and goes.
     */
    @EventHandler
    public void on(MembersMerged event) {
        String c = event.communityId();
        String staying = event.memberId();
        String merged = event.mergedMemberId();
        jdbc.update("DELETE FROM trust_view WHERE community_id = ? AND ((truster = ? AND trustee = ?)"
                + " OR (truster = ? AND trustee IN (?, ?)))", c, staying, merged, merged, staying, merged);
        for (String side : List.of("truster", "trustee")) {
            String other = side.equals("truster") ? "trustee" : "truster";
            List<Moving> moving = jdbc.query("SELECT " + other + ", category, trust_level, note, declared_at, note_author"
                            + " FROM trust_view WHERE community_id = ? AND " + side + " = ?",
                    (row, i) -> new Moving(row.getString(1), row.getString(2), row.getInt(3), row.getString(4),
                            Sql.instant(row, 5), row.getString(6)), c, merged);
            String where = " WHERE community_id = ? AND " + side + " = ? AND " + other + " = ? AND category = ?";
            for (Moving tie : moving) {
                List<Instant> kept = jdbc.query("SELECT declared_at FROM trust_view" + where,
                        (row, i) -> Sql.instant(row, 1), c, staying, tie.other(), tie.category());
                if (kept.isEmpty()) {
                    jdbc.update("UPDATE trust_view SET " + side + " = ?" + where, staying, c, merged, tie.other(),
                            tie.category());
                    continue;
                }
                if (tie.declaredAt().isAfter(kept.get(0))) {
                    jdbc.update("UPDATE trust_view SET trust_level = ?, note = ?, declared_at = ?, note_author = ?" + where,
                            tie.level(), tie.note(), Sql.timestamp(tie.declaredAt()), tie.noteAuthor(), c, staying,
                            tie.other(), tie.category());
                }
                jdbc.update("DELETE FROM trust_view" + where, c, merged, tie.other(), tie.category());
            }
        }
    }

    /** A tie of the merged member about to become the staying member's. */
    private record Moving(String other, String category, int level, String note, Instant declaredAt,
                          String noteAuthor) {
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

    /**
     * Keyset paging by (other member, category): out of a member on the primary key, into a member on
     * {@code trust_view_by_trustee}.
     */
    @QueryHandler
    public TrustTies handle(FindTrustTies query) {
        boolean out = query.direction() == TrustDirection.OUT;
        String self = out ? "truster" : "trustee";
        String other = out ? "trustee" : "truster";
        StringBuilder sql = new StringBuilder("SELECT truster, trustee, category, trust_level, note, declared_at"
                + " FROM trust_view WHERE community_id = ? AND " + self + " = ?");
        List<Object> args = new ArrayList<>(List.of(query.communityId(), query.memberId()));
        if (query.cursor() != null) {
            List<String> after = Keyset.decode(query.cursor(), 2);
            sql.append(" AND (").append(other).append(" > ? OR (").append(other).append(" = ? AND category > ?))");
            args.addAll(List.of(after.get(0), after.get(0), after.get(1)));
        }
        // The columns fixed by '=' lead the ORDER BY (it sorts the same) so that H2 reads the index in order.
        sql.append(" ORDER BY community_id, ").append(self).append(", ").append(other).append(", category LIMIT ?");
        args.add(query.limit() + 1);
        Keyset.Page<TrustTie> page = Keyset.page(jdbc.query(sql.toString(),
                (row, i) -> new TrustTie(query.communityId(), row.getString(1), row.getString(2),
                        ALL_CATEGORIES.equals(row.getString(3)) ? null : row.getString(3), row.getInt(4),
                        row.getString(5), Sql.instant(row, 6)), args.toArray()), query.limit(),
                last -> Keyset.encode(out ? last.trustee() : last.truster(),
                        last.category() == null ? ALL_CATEGORIES : last.category()));
        return new TrustTies(query.communityId(), query.memberId(), query.direction(), page.items(),
                page.nextCursor());
    }

    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM trust_view");
    }

    /**
     * The same table folded in memory from a run of events, for a rebuild: each event changes the
     * rows exactly as the handler above changes the table, and {@link #insertInto} writes the
     * result with batch inserts. Kept next to the handlers so that a change to one is made to the
     * other; a property test feeds both the same random histories and compares the tables.
     */
    public static final class Fold {

        /** The events that change this table. */
        public static final Set<Class<?>> EVENTS = Set.of(TrustDeclared.class, TrustWithdrawn.class, MemberErased.class,
                MembersMerged.class);

        private final Map<Key, Row> rows = new HashMap<>();

        public void on(Object event) {
            if (event instanceof TrustDeclared e) {
                Key key = new Key(e.communityId(), e.truster(), e.trustee(), categoryOf(e.category()));
                rows.put(key, new Row(e.level(), e.note(), e.declaredAt(), e.truster()));
            } else if (event instanceof TrustWithdrawn e) {
                rows.remove(new Key(e.communityId(), e.truster(), e.trustee(), categoryOf(e.category())));
            } else if (event instanceof MemberErased e) {
                rows.forEach((key, row) -> {
                    if (key.communityId.equals(e.communityId()) && row.noteAuthor.equals(e.memberId())) {
                        row.note = null;
                    }
                });
            } else if (event instanceof MembersMerged e) {
                merge(e.communityId(), e.memberId(), e.mergedMemberId());
            }
        }

        /** As the handler does: the merged member's ties move, the most recent declaration standing. */
        private void merge(String communityId, String staying, String merged) {
            List<Map.Entry<Key, Row>> moving = List.copyOf(rows.entrySet()).stream()
                    .filter(entry -> entry.getKey().communityId.equals(communityId)
                            && (entry.getKey().truster.equals(merged) || entry.getKey().trustee.equals(merged)))
                    .toList();
            for (Map.Entry<Key, Row> entry : moving) {
                Key from = entry.getKey();
                Row row = rows.remove(from);
                Key to = new Key(communityId, from.truster.equals(merged) ? staying : from.truster,
                        from.trustee.equals(merged) ? staying : from.trustee, from.category);
                if (to.truster.equals(to.trustee)) {
                    continue;
                }
                Row kept = rows.get(to);
                if (kept == null || row.declaredAt.isAfter(kept.declaredAt)) {
                    rows.put(to, row);
                }
            }
        }

        private static String categoryOf(String category) {
            return category == null ? ALL_CATEGORIES : category;
        }

        /** Inserts every row into an empty trust view, in JDBC batches of {@code batch}; returns the count. */
        public long insertInto(JdbcTemplate jdbc, int batch) {
            jdbc.batchUpdate("""
                            INSERT INTO trust_view (community_id, truster, trustee, category, trust_level, note, declared_at,
                                note_author) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", inKeyOrder(), batch,
                    (statement, entry) -> {
                        Key key = entry.getKey();
                        Row row = entry.getValue();
                        statement.setString(1, key.communityId);
                        statement.setString(2, key.truster);
                        statement.setString(3, key.trustee);
                        statement.setString(4, key.category);
                        statement.setInt(5, row.level);
                        statement.setString(6, row.note);
                        statement.setObject(7, Sql.timestamp(row.declaredAt));
                        statement.setString(8, row.noteAuthor);
                    });
            return rows.size();
        }

        /** In key order, as the contribution view's fold writes its rows, and for the same reason. */
        private List<Map.Entry<Key, Row>> inKeyOrder() {
            List<Map.Entry<Key, Row>> all = new ArrayList<>(rows.entrySet());
            all.sort(Map.Entry.comparingByKey(Key.ORDER));
            return all;
        }

        private record Key(String communityId, String truster, String trustee, String category) {

            static final Comparator<Key> ORDER = Comparator.comparing(Key::communityId)
                    .thenComparing(Key::truster).thenComparing(Key::trustee).thenComparing(Key::category);
        }

        private static final class Row {
            final int level;
            String note;
            final Instant declaredAt;
            /** Who wrote the note: the truster who declared it, wherever a merge moved it since. */
            final String noteAuthor;

            Row(int level, String note, Instant declaredAt, String noteAuthor) {
                this.level = level;
                this.note = note;
                this.declaredAt = declaredAt;
                this.noteAuthor = noteAuthor;
            }
        }
    }
}
