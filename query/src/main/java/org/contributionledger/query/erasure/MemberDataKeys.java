package org.contributionledger.query.erasure;

import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.contributionledger.core.member.MemberErased;
import org.contributionledger.query.Sql;
import org.contributionledger.query.directory.DirectoryProjection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The members' data keys (table {@code member_data_key}, docs/audit.md "Erasure"): one AES-256 key
 * per community and member, created the first time one of their personal fields is stored, and
 * destroyed by {@link MemberErased} in the same transaction as that event (this class runs in the
 * subscribing "directory" processing group, whose failures fail the command).
 *
 * <p>Keys are cached in memory for at most {@code ledger.erasure.key-cache-ttl-ms}. This node
 * forgets an erased key at once; another node of the same database may still read with its cached
 * copy until the entry expires, so the cache time is the longest an erasure takes to reach every
 * node. A key created inside a transaction is cached only once that transaction commits: a rolled
 * back key must never encrypt anything.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class MemberDataKeys {

    private static final int MAX_CACHED = 100_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;
    private final long cacheNanos;
    private final Map<String, Cached> byKeyId = new ConcurrentHashMap<>();
    private final Map<String, Cached> byMember = new ConcurrentHashMap<>();

    public MemberDataKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                          @Value("${ledger.erasure.key-cache-ttl-ms:30000}") long cacheMillis) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        // Inside a command's transaction a savepoint, so that losing a race for the key to another
        // node rolls back the insert only; outside one, a transaction of its own.
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.cacheNanos = cacheMillis * 1_000_000L;
    }

    /**
     * The member's key, created on first need.
     *
     * @throws MemberDataErased when the member was erased: nothing of theirs may be stored readable again
     */
    public DataKey keyFor(String communityId, String memberId) {
        String member = communityId + "/" + memberId;
        Cached cached = byMember.get(member);
        if (cached != null && cached.fresh()) {
            return cached.key();
        }
        Optional<Row> row = findRow(communityId, memberId);
        if (row.isEmpty()) {
            row = Optional.of(create(communityId, memberId));
        }
        DataKey key = row.get().key().orElseThrow(() -> new MemberDataErased(communityId, memberId));
        cacheWhenCommitted(key);
        return key;
    }

    /** The key of an encrypted field, or empty when it was destroyed (its member erased). */
    public Optional<DataKey> find(String keyId) {
        Cached cached = byKeyId.get(keyId);
        if (cached != null && cached.fresh()) {
            return Optional.of(cached.key());
        }
        Optional<DataKey> key = jdbc.query("""
                        SELECT key_id, community_id, member_id, key_base64 FROM member_data_key WHERE key_id = ?""",
                (result, i) -> Row.of(result.getString(1), result.getString(2), result.getString(3), result.getString(4)),
                keyId).stream().findFirst().flatMap(Row::key);
        key.ifPresent(this::cacheWhenCommitted);
        return key;
    }

    /** The keys among {@code keyIds} that still exist, by key id, as base64 (for exports). */
    public Map<String, String> existingKeys(Collection<String> keyIds) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String keyId : keyIds) {
            find(keyId).ifPresent(key -> keys.put(keyId, key.keyBase64()));
        }
        return keys;
    }

    /**
     * Stores a key that an export's {@code dataKeys} carried, so that a ledger replaying the export
     * offline reads the fields as the original did. An export names a key's id only, not its
     * member: the row stands under the member id {@code imported:<keyId>}, so it opens fields by
     * key id and never serves {@link #keyFor}. A key id already stored is left as it is.
     */
    public void importKey(String communityId, String keyId, String keyBase64) {
        DataKey key = new DataKey(keyId, communityId, "imported:" + keyId, Base64.getDecoder().decode(keyBase64));
        if (jdbc.queryForObject("SELECT COUNT(*) FROM member_data_key WHERE key_id = ?", Integer.class, keyId) == 0) {
            jdbc.update("""
                            INSERT INTO member_data_key (key_id, community_id, member_id, key_base64, created_at)
                            VALUES (?, ?, ?, ?, ?)""",
                    keyId, communityId, key.memberId(), key.keyBase64(), Sql.timestamp(Instant.now()));
        }
    }

    /**
     * Destroys the key and keeps a row without it, so that no key is created for the member again.
     * Same transaction as the event: if the erasure fails, the key stays; once it commits, no copy
     * remains in this database's table.
     */
    @EventHandler
    public void on(MemberErased event, @Timestamp Instant at) {
        int destroyed = jdbc.update("""
                        UPDATE member_data_key SET key_base64 = NULL, erased_at = ?
                        WHERE community_id = ? AND member_id = ?""",
                Sql.timestamp(at), event.communityId(), event.memberId());
        if (destroyed == 0) {
            jdbc.update("""
                            INSERT INTO member_data_key (key_id, community_id, member_id, key_base64, created_at, erased_at)
                            VALUES (?, ?, ?, NULL, ?, ?)""",
                    newKeyId(), event.communityId(), event.memberId(), Sql.timestamp(at), Sql.timestamp(at));
        }
        forget(event.communityId(), event.memberId());
    }

    /** Drops this node's cached copy of the member's key at once. */
    public void forget(String communityId, String memberId) {
        byMember.remove(communityId + "/" + memberId);
        byKeyId.values().removeIf(entry -> entry.key().communityId().equals(communityId)
                && entry.key().memberId().equals(memberId));
    }

    private Optional<Row> findRow(String communityId, String memberId) {
        return jdbc.query("""
                        SELECT key_id, community_id, member_id, key_base64 FROM member_data_key
                        WHERE community_id = ? AND member_id = ?""",
                (result, i) -> Row.of(result.getString(1), result.getString(2), result.getString(3), result.getString(4)),
                communityId, memberId).stream().findFirst();
    }

    private Row create(String communityId, String memberId) {
        String keyId = newKeyId();
        byte[] key = PersonalDataCipher.newKeyBytes();
        try {
            savepoint.executeWithoutResult(status -> jdbc.update("""
                            INSERT INTO member_data_key (key_id, community_id, member_id, key_base64, created_at)
                            VALUES (?, ?, ?, ?, ?)""",
                    keyId, communityId, memberId, Base64.getEncoder().encodeToString(key), Sql.timestamp(Instant.now())));
            return new Row(Optional.of(new DataKey(keyId, communityId, memberId, key)));
        } catch (DuplicateKeyException raced) {
            // Another transaction created the member's key first: use that one.
            return findRow(communityId, memberId).orElseThrow(() -> raced);
        }
    }

    private void cacheWhenCommitted(DataKey key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache(key);
                }
            });
        } else {
            cache(key);
        }
    }

    private void cache(DataKey key) {
        if (byKeyId.size() >= MAX_CACHED) {
            // Bounded memory, simply: a full cache starts over (one key is one row to read again).
            byKeyId.clear();
            byMember.clear();
        }
        Cached entry = new Cached(key, System.nanoTime() + cacheNanos);
        byKeyId.put(key.keyId(), entry);
        byMember.put(key.communityId() + "/" + key.memberId(), entry);
    }

    private static String newKeyId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private record Cached(DataKey key, long expiresAtNanos) {
        boolean fresh() {
            return System.nanoTime() - expiresAtNanos < 0;
        }
    }

    /** A row of the table: empty key once erased. */
    private record Row(Optional<DataKey> key) {
        static Row of(String keyId, String communityId, String memberId, String keyBase64) {
            return new Row(keyBase64 == null ? Optional.empty()
                    : Optional.of(new DataKey(keyId, communityId, memberId, Base64.getDecoder().decode(keyBase64))));
        }
    }
}
