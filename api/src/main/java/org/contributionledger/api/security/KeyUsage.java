package org.contributionledger.api.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.contributionledger.query.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * When each key last acted, without a database write per request: a use is noted in memory, and
 * the notes are written to {@code ledger_api_key_use} every {@code ledger.keys.last-use-flush-interval}
 * (10 s by default), one row per key. Precision: on the node that served the request the answer is
 * exact; what is stored (what other nodes and a restarted node see) lags by at most one interval,
 * and a crash loses at most the last interval's uses.
 */
@Component
public class KeyUsage {

    private static final Logger log = LoggerFactory.getLogger(KeyUsage.class);

    private final JdbcTemplate jdbc;
    private final Map<String, Instant> unsaved = new ConcurrentHashMap<>();
    /** Uses this node has seen, saved or not: lets it answer exactly without reading them back. */
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private volatile boolean failing;

    public KeyUsage(JdbcTemplate jdbc, KeyProperties properties) {
        this.jdbc = jdbc;
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "key-usage-flush");
            thread.setDaemon(true);
            return thread;
        });
        long intervalMs = properties.lastUseFlushInterval().toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    public void used(String keyId, Instant at) {
        // Milliseconds: what every database stores alike, so this node and the stored row agree.
        Instant atMillis = at.truncatedTo(ChronoUnit.MILLIS);
        unsaved.merge(keyId, atMillis, KeyUsage::later);
        seen.merge(keyId, atMillis, KeyUsage::later);
    }

    /** The last use of each of these keys that this node knows of, stored or in memory; absent when never used. */
    public Map<String, Instant> lastUse(Collection<String> keyIds) {
        Map<String, Instant> lastUse = new HashMap<>();
        if (!keyIds.isEmpty()) {
            new NamedParameterJdbcTemplate(jdbc).query(
                    "SELECT key_id, last_used_at FROM ledger_api_key_use WHERE key_id IN (:ids)",
                    new MapSqlParameterSource("ids", keyIds),
                    row -> {
                        lastUse.put(row.getString(1), Sql.instant(row, 2));
                    });
        }
        for (String keyId : keyIds) {
            Instant here = seen.get(keyId);
            if (here != null) {
                lastUse.merge(keyId, here, KeyUsage::later);
            }
        }
        return lastUse;
    }

    /** Writes the uses noted since the last flush; a stored use is never moved back in time. */
    public synchronized void flush() {
        for (String keyId : unsaved.keySet()) {
            Instant at = unsaved.remove(keyId);
            if (at == null) {
                continue;
            }
            try {
                save(keyId, at);
            } catch (RuntimeException e) {
                unsaved.merge(keyId, at, KeyUsage::later);
                throw e;
            }
        }
    }

    private void save(String keyId, Instant at) {
        int updated = jdbc.update("UPDATE ledger_api_key_use SET last_used_at = ? WHERE key_id = ? AND last_used_at < ?",
                Sql.timestamp(at), keyId, Sql.timestamp(at));
        if (updated == 0) {
            try {
                jdbc.update("INSERT INTO ledger_api_key_use (key_id, last_used_at) VALUES (?, ?)", keyId, Sql.timestamp(at));
            } catch (DuplicateKeyException storedIsAlreadyLater) {
                // The row exists and is not older than this use (or another node inserted it just now).
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
            failing = false;
        } catch (RuntimeException e) {
            // The uses stay noted in memory for the admin on this node; the next flush tries again.
            // One warning per outage, not one per interval.
            if (!failing) {
                log.warn("Could not save the keys' last use (will retry): {}", e.getMessage());
            }
            failing = true;
        }
    }

    @PreDestroy
    void stop() {
        flusher.shutdown();
        flushQuietly();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
