package org.contributionledger.query.directory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.core.common.CommunityRules;
import org.contributionledger.core.common.LedgerDirectory;
import org.contributionledger.core.common.MemberStanding;
import org.contributionledger.core.community.CommunityApiKeyIssued;
import org.contributionledger.core.community.CommunityApiKeyRevoked;
import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.community.CommunitySettingsChanged;
import org.contributionledger.core.member.IdentityLinked;
import org.contributionledger.core.member.IdentityUnlinked;
import org.contributionledger.core.member.MemberErased;
import org.contributionledger.core.member.MemberProfileUpdated;
import org.contributionledger.core.member.MemberReinstated;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.member.MemberSuspended;
import org.contributionledger.core.member.MembersMerged;
import org.contributionledger.query.Sql;
import org.contributionledger.query.paging.Keyset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Communities, their keys and their members, as the write side needs them for set-based checks.
 * It runs in the "directory" processing group, which is subscribing: the tables change in the
 * same transaction as the events, so a command always sees every member registered before it,
 * including earlier commands of its own batch.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class DirectoryProjection implements LedgerDirectory {

    public static final String PROCESSING_GROUP = "directory";
    /** Few enough bind parameters for any database's statement limits. */
    private static final int MEMBERS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public DirectoryProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    public void on(CommunityCreated event, @Timestamp Instant at) {
        CommunitySettings settings = event.settings();
        jdbc.update("""
                        INSERT INTO directory_community (community_id, name, categories, max_value_per_act,
                            confirmation_required, settings_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                event.communityId(), event.name(), String.join(",", settings.categories()), settings.maxValuePerAct(),
                settings.confirmationRequired(), toJson(settings), Sql.timestamp(at));
    }

    /** In the command's transaction: the next request with the new key is accepted. */
    @EventHandler
    public void on(CommunityApiKeyIssued event, @Timestamp Instant at) {
        jdbc.update("INSERT INTO directory_api_key (key_sha256, key_id, community_id, issued_at) VALUES (?, ?, ?, ?)",
                event.apiKeySha256(), event.apiKeyId(), event.communityId(), Sql.timestamp(at));
    }

    /** In the command's transaction: the next request with the revoked key is refused. */
    @EventHandler
    public void on(CommunityApiKeyRevoked event, @Timestamp Instant at) {
        jdbc.update("UPDATE directory_api_key SET revoked_at = ? WHERE community_id = ? AND key_id = ?",
                Sql.timestamp(at), event.communityId(), event.apiKeyId());
    }

    @EventHandler
    public void on(CommunitySettingsChanged event) {
        CommunitySettings settings = event.settings();
        jdbc.update("""
                        UPDATE directory_community SET categories = ?, max_value_per_act = ?, confirmation_required = ?,
                            settings_json = ? WHERE community_id = ?""",
                String.join(",", settings.categories()), settings.maxValuePerAct(), settings.confirmationRequired(),
                toJson(settings), event.communityId());
    }

    @EventHandler
    public void on(MemberRegistered event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO directory_member (community_id, member_id, display_name, active, registered_at)
                        VALUES (?, ?, ?, TRUE, ?)""",
                event.communityId(), event.memberId(), event.displayName(), Sql.timestamp(at));
    }

    @EventHandler
    public void on(MemberProfileUpdated event) {
        jdbc.update("UPDATE directory_member SET display_name = ? WHERE community_id = ? AND member_id = ?",
                event.displayName(), event.communityId(), event.memberId());
    }

    /**
     * The name goes; the row, with its standing, stays, so that every count stays as it was and the
     * write side can refuse the erased member by name ({@code MemberWasErased}).
     */
    @EventHandler
    public void on(MemberErased event) {
        jdbc.update("UPDATE directory_member SET display_name = NULL, erased = TRUE WHERE community_id = ? AND member_id = ?",
                event.communityId(), event.memberId());
        jdbc.update("UPDATE directory_identity SET login = NULL WHERE community_id = ? AND member_id = ?",
                event.communityId(), event.memberId());
    }

    /**
     * A new link, or the login of a linked user changed (the member aggregate links an identity to
     * no other member, so an existing row is this member's): the row keeps when it was first linked.
     */
    @EventHandler
    public void on(IdentityLinked event, @Timestamp Instant at) {
        int renamed = jdbc.update("""
                        UPDATE directory_identity SET member_id = ?, login = ?
                        WHERE community_id = ? AND platform = ? AND platform_user_id = ?""",
                event.memberId(), event.login(), event.communityId(), event.platform(), event.platformUserId());
        if (renamed == 0) {
            jdbc.update("""
                            INSERT INTO directory_identity (community_id, platform, platform_user_id, member_id, login, linked_at)
                            VALUES (?, ?, ?, ?, ?, ?)""",
                    event.communityId(), event.platform(), event.platformUserId(), event.memberId(), event.login(),
                    Sql.timestamp(at));
        }
    }

    @EventHandler
    public void on(IdentityUnlinked event) {
        jdbc.update("""
                        DELETE FROM directory_identity
                        WHERE community_id = ? AND platform = ? AND platform_user_id = ? AND member_id = ?""",
                event.communityId(), event.platform(), event.platformUserId(), event.memberId());
    }

    /**
     * The merged member, and every member merged into it before, now point at the staying member:
     * the write side refuses each of them by name ({@code MemberWasMerged}) and names the member who
     * acts for them.
     */
    @EventHandler
    public void on(MembersMerged event) {
        jdbc.update("UPDATE directory_member SET merged_into = ? WHERE community_id = ? AND (member_id = ? OR merged_into = ?)",
                event.memberId(), event.communityId(), event.mergedMemberId(), event.mergedMemberId());
    }

    @EventHandler
    public void on(MemberSuspended event) {
        setActive(event.communityId(), event.memberId(), false);
    }

    @EventHandler
    public void on(MemberReinstated event) {
        setActive(event.communityId(), event.memberId(), true);
    }

    private void setActive(String communityId, String memberId, boolean active) {
        jdbc.update("UPDATE directory_member SET active = ? WHERE community_id = ? AND member_id = ?",
                active, communityId, memberId);
    }

    @Override
    public Optional<CommunityRules> findCommunity(String communityId) {
        return jdbc.query("""
                                SELECT categories, max_value_per_act, confirmation_required
                                FROM directory_community WHERE community_id = ?""",
                (row, i) -> new CommunityRules(communityId, java.util.Set.of(row.getString(1).split(",")),
                        row.getBigDecimal(2).stripTrailingZeros(), row.getBoolean(3)),
                communityId).stream().findFirst();
    }

    @Override
    public Optional<MemberStanding> findMember(String communityId, String memberId) {
        return jdbc.query("SELECT active, erased, merged_into FROM directory_member WHERE community_id = ? AND member_id = ?",
                (row, i) -> new MemberStanding(communityId, memberId, row.getBoolean(1), row.getBoolean(2),
                        row.getString(3)),
                communityId, memberId).stream().findFirst();
    }

    @Override
    public Optional<String> findLinkedMember(String communityId, String platform, String platformUserId) {
        return handle(new FindLinkedIdentity(communityId, platform, platformUserId)).map(LinkedIdentity::memberId);
    }

    /**
     * The standing of those of {@code memberIds} who are registered in the community, in one query
     * per few hundred ids: what a batch of acts reads once instead of twice per act.
     */
    public Map<String, MemberStanding> findMembers(String communityId, Collection<String> memberIds) {
        Map<String, MemberStanding> found = new HashMap<>();
        List<String> ids = List.copyOf(new LinkedHashSet<>(memberIds));
        for (int from = 0; from < ids.size(); from += MEMBERS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MEMBERS_PER_QUERY));
            List<Object> args = new ArrayList<>(chunk.size() + 1);
            args.add(communityId);
            args.addAll(chunk);
            jdbc.query("SELECT member_id, active, erased, merged_into FROM directory_member WHERE community_id = ? AND member_id IN ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
                    row -> {
                        String memberId = row.getString(1);
                        found.put(memberId, new MemberStanding(communityId, memberId, row.getBoolean(2), row.getBoolean(3),
                                row.getString(4)));
                    }, args.toArray());
        }
        return found;
    }

    /** How many members the community has, or how many of them are active; a merged-away member is no longer one. */
    public long countMembers(String communityId, boolean activeOnly) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM directory_member WHERE community_id = ? AND merged_into IS NULL"
                + (activeOnly ? " AND active" : ""), Long.class, communityId);
        return count == null ? 0 : count;
    }

    /** Every member's display name, by member id in order; a merged-away member is no longer one. */
    public Map<String, String> displayNames(String communityId) {
        Map<String, String> names = new LinkedHashMap<>();
        jdbc.query("SELECT member_id, display_name FROM directory_member WHERE community_id = ? AND merged_into IS NULL"
                        + " ORDER BY member_id",
                row -> {
                    names.put(row.getString(1), row.getString(2));
                }, communityId);
        return names;
    }

    @QueryHandler
    public Optional<Community> handle(FindCommunity query) {
        return jdbc.query("SELECT name, settings_json, created_at FROM directory_community WHERE community_id = ?",
                (row, i) -> new Community(query.communityId(), row.getString(1), fromJson(row.getString(2)),
                        Sql.instant(row, 3)),
                query.communityId()).stream().findFirst();
    }

    /** Keyset paging by community id: a community created between pages is listed once, or not yet. */
    @QueryHandler
    public Communities handle(FindCommunities query) {
        StringBuilder sql = new StringBuilder("SELECT community_id, name, settings_json, created_at FROM directory_community");
        List<Object> args = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (query.onlyCommunityId() != null) {
            conditions.add("community_id = ?");
            args.add(query.onlyCommunityId());
        }
        if (query.cursor() != null) {
            conditions.add("community_id > ?");
            args.add(Keyset.decode(query.cursor(), 1).get(0));
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        sql.append(" ORDER BY community_id LIMIT ?");
        args.add(query.limit() + 1);
        Keyset.Page<Community> page = Keyset.page(jdbc.query(sql.toString(),
                (row, i) -> new Community(row.getString(1), row.getString(2), fromJson(row.getString(3)),
                        Sql.instant(row, 4)), args.toArray()), query.limit(),
                last -> Keyset.encode(last.communityId()));
        return new Communities(page.items(), page.nextCursor());
    }

    /** Keyset paging by member id, on the table's primary key. */
    @QueryHandler
    public Members handle(FindMembers query) {
        StringBuilder sql = new StringBuilder("""
                SELECT member_id, display_name, active, registered_at, erased, merged_into FROM directory_member
                WHERE community_id = ?""");
        List<Object> args = new ArrayList<>(List.of(query.communityId()));
        if (query.active() != null) {
            sql.append(" AND active = ?");
            args.add(query.active());
        }
        if (query.cursor() != null) {
            sql.append(" AND member_id > ?");
            args.add(Keyset.decode(query.cursor(), 1).get(0));
        }
        // community_id leads the ORDER BY (it sorts the same) so that H2 reads the primary key in order.
        sql.append(" ORDER BY community_id, member_id LIMIT ?");
        args.add(query.limit() + 1);
        Keyset.Page<Member> page = Keyset.page(jdbc.query(sql.toString(),
                (row, i) -> new Member(query.communityId(), row.getString(1), row.getString(2), row.getBoolean(3),
                        Sql.instant(row, 4), row.getBoolean(5), row.getString(6)), args.toArray()), query.limit(),
                last -> Keyset.encode(last.memberId()));
        return new Members(query.communityId(), page.items(), page.nextCursor());
    }

    @QueryHandler
    public Optional<ApiKeyOwner> handle(FindApiKeyOwner query) {
        return jdbc.query("SELECT key_id, community_id, revoked_at FROM directory_api_key WHERE key_sha256 = ?",
                (row, i) -> new ApiKeyOwner(row.getString(1), row.getString(2), row.getObject(3) != null),
                query.keySha256()).stream().findFirst();
    }

    @QueryHandler
    public List<CommunityApiKey> handle(FindCommunityApiKeys query) {
        return jdbc.query("""
                        SELECT key_id, issued_at, revoked_at FROM directory_api_key
                        WHERE community_id = ? ORDER BY issued_at, key_id""",
                (row, i) -> new CommunityApiKey(row.getString(1), Sql.instant(row, 2), Sql.instant(row, 3)),
                query.communityId());
    }

    @QueryHandler
    public Optional<LinkedIdentity> handle(FindLinkedIdentity query) {
        return jdbc.query("""
                        SELECT member_id, login, linked_at FROM directory_identity
                        WHERE community_id = ? AND platform = ? AND platform_user_id = ?""",
                (row, i) -> new LinkedIdentity(query.communityId(), row.getString(1), query.platform(),
                        query.platformUserId(), row.getString(2), Sql.instant(row, 3)),
                query.communityId(), query.platform(), query.platformUserId()).stream().findFirst();
    }

    /**
     * One query for what a webhook asks of every user of every delivery: the identity's link, the
     * member in force (a merge points every member merged into the merged one at the kept member,
     * so {@code merged_into} already names the last of a chain), and whether either is erased.
     */
    @QueryHandler
    public Optional<MemberInForce> handle(FindMemberInForce query) {
        return jdbc.query("""
                        SELECT i.member_id, i.login, i.linked_at, COALESCE(m.merged_into, i.member_id),
                            m.erased OR COALESCE(kept.erased, FALSE)
                        FROM directory_identity i
                        JOIN directory_member m ON m.community_id = i.community_id AND m.member_id = i.member_id
                        LEFT JOIN directory_member kept ON kept.community_id = m.community_id AND kept.member_id = m.merged_into
                        WHERE i.community_id = ? AND i.platform = ? AND i.platform_user_id = ?""",
                (row, i) -> new MemberInForce(new LinkedIdentity(query.communityId(), row.getString(1), query.platform(),
                        query.platformUserId(), row.getString(2), Sql.instant(row, 3)), row.getString(4), row.getBoolean(5)),
                query.communityId(), query.platform(), query.platformUserId()).stream().findFirst();
    }

    @QueryHandler
    public MemberIdentities handle(FindMemberIdentities query) {
        return new MemberIdentities(query.communityId(), query.memberId(), jdbc.query("""
                        SELECT platform, platform_user_id, login, linked_at FROM directory_identity
                        WHERE community_id = ? AND member_id = ? ORDER BY platform, platform_user_id""",
                (row, i) -> new LinkedIdentity(query.communityId(), query.memberId(), row.getString(1),
                        row.getString(2), row.getString(3), Sql.instant(row, 4)),
                query.communityId(), query.memberId()));
    }

    @QueryHandler
    public Optional<Member> handle(FindMember query) {
        return jdbc.query("""
                                SELECT display_name, active, registered_at, erased, merged_into FROM directory_member
                                WHERE community_id = ? AND member_id = ?""",
                (row, i) -> new Member(query.communityId(), query.memberId(), row.getString(1), row.getBoolean(2),
                        Sql.instant(row, 3), row.getBoolean(4), row.getString(5)),
                query.communityId(), query.memberId()).stream().findFirst();
    }


    private String toJson(CommunitySettings settings) {
        return toJson(json, settings);
    }

    private static String toJson(ObjectMapper json, CommunitySettings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Community settings could not be written as JSON", e);
        }
    }

    private CommunitySettings fromJson(String text) {
        try {
            return json.readValue(text, CommunitySettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored community settings could not be read", e);
        }
    }

    /**
     * The same tables folded in memory from a run of events, for a rebuild: each event changes the
     * rows exactly as the handler above changes the tables (an update of a missing row changes
     * nothing, a second insert of a key fails), and {@link #insertInto} writes the result with
     * batch inserts. Kept next to the handlers so that a change to one is made to the other; a
     * property test feeds both the same random histories and compares the tables.
     */
    public static final class Fold {

        /** The events that change these tables. */
        public static final Set<Class<?>> EVENTS = Set.of(CommunityCreated.class, CommunityApiKeyIssued.class,
                CommunityApiKeyRevoked.class, CommunitySettingsChanged.class, MemberRegistered.class,
                MemberProfileUpdated.class, MemberErased.class, MemberSuspended.class, MemberReinstated.class,
                IdentityLinked.class, IdentityUnlinked.class, MembersMerged.class);

        private final ObjectMapper json;
        private final Map<String, CommunityRow> communities = new HashMap<>();
        private final Map<String, ApiKeyRow> apiKeys = new HashMap<>();
        private final Map<MemberKey, MemberRow> members = new HashMap<>();
        private final Map<IdentityKey, IdentityRow> identities = new HashMap<>();

        public Fold(ObjectMapper json) {
            this.json = json;
        }

        public void on(Object event, Instant at) {
            if (event instanceof CommunityCreated e) {
                CommunityRow row = new CommunityRow(e.name(), at);
                row.settings(e.settings(), json);
                insert(communities, e.communityId(), row, "directory_community");
            } else if (event instanceof CommunityApiKeyIssued e) {
                insert(apiKeys, e.apiKeySha256(), new ApiKeyRow(e.apiKeyId(), e.communityId(), at), "directory_api_key");
            } else if (event instanceof CommunityApiKeyRevoked e) {
                apiKeys.values().forEach(key -> {
                    if (key.communityId.equals(e.communityId()) && key.keyId.equals(e.apiKeyId())) {
                        key.revokedAt = at;
                    }
                });
            } else if (event instanceof CommunitySettingsChanged e) {
                CommunityRow row = communities.get(e.communityId());
                if (row != null) {
                    row.settings(e.settings(), json);
                }
            } else if (event instanceof MemberRegistered e) {
                insert(members, new MemberKey(e.communityId(), e.memberId()), new MemberRow(e.displayName(), at),
                        "directory_member");
            } else if (event instanceof MemberProfileUpdated e) {
                member(e.communityId(), e.memberId(), row -> row.displayName = e.displayName());
            } else if (event instanceof MemberErased e) {
                member(e.communityId(), e.memberId(), row -> {
                    row.displayName = null;
                    row.erased = true;
                });
                identities.forEach((key, row) -> {
                    if (key.communityId().equals(e.communityId()) && row.memberId.equals(e.memberId())) {
                        row.login = null;
                    }
                });
            } else if (event instanceof MemberSuspended e) {
                member(e.communityId(), e.memberId(), row -> row.active = false);
            } else if (event instanceof MemberReinstated e) {
                member(e.communityId(), e.memberId(), row -> row.active = true);
            } else if (event instanceof IdentityLinked e) {
                IdentityRow row = identities.computeIfAbsent(
                        new IdentityKey(e.communityId(), e.platform(), e.platformUserId()), key -> new IdentityRow(at));
                row.memberId = e.memberId();
                row.login = e.login();
            } else if (event instanceof IdentityUnlinked e) {
                IdentityKey key = new IdentityKey(e.communityId(), e.platform(), e.platformUserId());
                IdentityRow row = identities.get(key);
                if (row != null && row.memberId.equals(e.memberId())) {
                    identities.remove(key);
                }
            } else if (event instanceof MembersMerged e) {
                members.forEach((key, row) -> {
                    if (key.communityId.equals(e.communityId())
                            && (key.memberId.equals(e.mergedMemberId()) || e.mergedMemberId().equals(row.mergedInto))) {
                        row.mergedInto = e.memberId();
                    }
                });
            }
        }

        private static <K, V> void insert(Map<K, V> table, K key, V row, String name) {
            if (table.putIfAbsent(key, row) != null) {
                throw new IllegalStateException("Key " + key + " inserted twice: the primary key of " + name + " refuses it");
            }
        }

        private void member(String communityId, String memberId, Consumer<MemberRow> change) {
            MemberRow row = members.get(new MemberKey(communityId, memberId));
            if (row != null) {
                change.accept(row);
            }
        }

        /** Inserts every row into the empty directory tables, in JDBC batches of {@code batch}; returns the count. */
        public long insertInto(JdbcTemplate jdbc, int batch) {
            jdbc.batchUpdate("""
                            INSERT INTO directory_community (community_id, name, categories, max_value_per_act,
                                confirmation_required, settings_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    new ArrayList<>(communities.entrySet()), batch, (statement, entry) -> {
                        CommunityRow row = entry.getValue();
                        statement.setString(1, entry.getKey());
                        statement.setString(2, row.name);
                        statement.setString(3, row.categories);
                        statement.setBigDecimal(4, row.maxValuePerAct);
                        statement.setObject(5, row.confirmationRequired);
                        statement.setString(6, row.settingsJson);
                        statement.setObject(7, Sql.timestamp(row.createdAt));
                    });
            jdbc.batchUpdate("""
                            INSERT INTO directory_api_key (key_sha256, key_id, community_id, issued_at, revoked_at)
                            VALUES (?, ?, ?, ?, ?)""",
                    new ArrayList<>(apiKeys.entrySet()), batch, (statement, entry) -> {
                        ApiKeyRow row = entry.getValue();
                        statement.setString(1, entry.getKey());
                        statement.setString(2, row.keyId);
                        statement.setString(3, row.communityId);
                        statement.setObject(4, Sql.timestamp(row.issuedAt));
                        statement.setObject(5, Sql.timestamp(row.revokedAt));
                    });
            jdbc.batchUpdate("""
                            INSERT INTO directory_member (community_id, member_id, display_name, active, registered_at, erased,
                                merged_into) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    membersInKeyOrder(), batch, (statement, entry) -> {
                        MemberRow row = entry.getValue();
                        statement.setString(1, entry.getKey().communityId);
                        statement.setString(2, entry.getKey().memberId);
                        statement.setString(3, row.displayName);
                        statement.setBoolean(4, row.active);
                        statement.setObject(5, Sql.timestamp(row.registeredAt));
                        statement.setBoolean(6, row.erased);
                        statement.setString(7, row.mergedInto);
                    });
            jdbc.batchUpdate("""
                            INSERT INTO directory_identity (community_id, platform, platform_user_id, member_id, login, linked_at)
                            VALUES (?, ?, ?, ?, ?, ?)""",
                    new ArrayList<>(identities.entrySet()), batch, (statement, entry) -> {
                        IdentityRow row = entry.getValue();
                        statement.setString(1, entry.getKey().communityId());
                        statement.setString(2, entry.getKey().platform());
                        statement.setString(3, entry.getKey().platformUserId());
                        statement.setString(4, row.memberId);
                        statement.setString(5, row.login);
                        statement.setObject(6, Sql.timestamp(row.linkedAt));
                    });
            return communities.size() + apiKeys.size() + members.size() + identities.size();
        }

        /** In key order, as the contribution view's fold writes its rows, and for the same reason. */
        private List<Map.Entry<MemberKey, MemberRow>> membersInKeyOrder() {
            List<Map.Entry<MemberKey, MemberRow>> all = new ArrayList<>(members.entrySet());
            all.sort(Map.Entry.comparingByKey(Comparator.comparing(MemberKey::communityId)
                    .thenComparing(MemberKey::memberId)));
            return all;
        }

        private record MemberKey(String communityId, String memberId) {
        }

        private record IdentityKey(String communityId, String platform, String platformUserId) {
        }

        private static final class IdentityRow {
            final Instant linkedAt;
            String memberId;
            String login;

            IdentityRow(Instant linkedAt) {
                this.linkedAt = linkedAt;
            }
        }

        private static final class CommunityRow {
            final String name;
            final Instant createdAt;
            String categories;
            BigDecimal maxValuePerAct;
            Boolean confirmationRequired;
            String settingsJson;

            CommunityRow(String name, Instant createdAt) {
                this.name = name;
                this.createdAt = createdAt;
            }

            void settings(CommunitySettings settings, ObjectMapper json) {
                categories = String.join(",", settings.categories());
                maxValuePerAct = settings.maxValuePerAct();
                confirmationRequired = settings.confirmationRequired();
                settingsJson = toJson(json, settings);
            }
        }

        private static final class ApiKeyRow {
            final String keyId;
            final String communityId;
            final Instant issuedAt;
            Instant revokedAt;

            ApiKeyRow(String keyId, String communityId, Instant issuedAt) {
                this.keyId = keyId;
                this.communityId = communityId;
                this.issuedAt = issuedAt;
            }
        }

        private static final class MemberRow {
            String displayName;
            boolean active = true;
            boolean erased;
            String mergedInto;
            final Instant registeredAt;

            MemberRow(String displayName, Instant registeredAt) {
                this.displayName = displayName;
                this.registeredAt = registeredAt;
            }
        }
    }
}
