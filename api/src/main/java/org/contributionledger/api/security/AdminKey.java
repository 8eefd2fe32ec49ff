package org.contributionledger.api.security;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.contributionledger.api.config.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The key that may create communities. From {@code LEDGER_ADMIN_KEY} when set; otherwise generated
 * at first start, printed once and kept only as a digest, like every other key. A chosen key must
 * be at least {@value #MIN_LENGTH} characters long with at least {@value #MIN_DISTINCT_CHARACTERS}
 * different characters: the ledger refuses to start with a weaker one ({@link WeakAdminKey}).
 */
@Component
public class AdminKey {

    private static final Logger log = LoggerFactory.getLogger(AdminKey.class);

    public static final int MIN_LENGTH = 24;
    public static final int MIN_DISTINCT_CHARACTERS = 8;

    private final String digest;

    public AdminKey(LedgerProperties properties, JdbcTemplate jdbc) {
        if (properties.adminKey() != null && !properties.adminKey().isBlank()) {
            this.digest = Keys.sha256(requireStrong(properties.adminKey().strip()));
            return;
        }
        List<String> stored = jdbc.queryForList("SELECT key_sha256 FROM ledger_admin_key", String.class);
        if (!stored.isEmpty()) {
            this.digest = stored.get(0);
            return;
        }
        String key = Keys.generate("cl_admin_");
        this.digest = Keys.sha256(key);
        jdbc.update("INSERT INTO ledger_admin_key (key_sha256, created_at) VALUES (?, ?)", digest,
                Instant.now().atOffset(ZoneOffset.UTC));
        // Printed to standard output on purpose: this is the only time the key exists outside the caller's hands.
        System.out.println("""

                ================================================================
                 Contribution Ledger admin key (shown once, stored only hashed):
                   %s
                 Keep it, or set LEDGER_ADMIN_KEY to choose your own.
                ================================================================
                """.formatted(key));
        log.info("Generated a new admin key; its digest is stored in ledger_admin_key");
    }

    /**
     * Length and variety only: a key of 24 characters drawn from, say, base64 has over 140 bits,
     * while "aaaa..." or "abcabc..." of any length is guessed at once.
     */
    static String requireStrong(String key) {
        if (key.length() < MIN_LENGTH || key.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            throw new WeakAdminKey();
        }
        return key;
    }

    public boolean matches(String candidateDigest) {
        return Keys.sameDigest(digest, candidateDigest);
    }
}
