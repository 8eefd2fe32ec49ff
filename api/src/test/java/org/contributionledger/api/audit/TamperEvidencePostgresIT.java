package org.contributionledger.api.audit;

import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.SharedPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link TamperEvidence} on PostgreSQL (the production profile), in a database of its own on the shared server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=WARN", "spring.main.banner-mode=off"})
@ActiveProfiles("postgres")
@DirtiesContext
class TamperEvidencePostgresIT extends TamperEvidence {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String database = SharedPostgres.newDatabase("TamperEvidencePostgresIT");
        registry.add("spring.datasource.url", () -> SharedPostgres.jdbcUrl(database));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("ledger.admin-key", () -> LedgerClient.ADMIN_KEY);
        registry.add("ledger.audit.hmac-key", () -> HMAC_KEY);
        registry.add("ledger.audit.checkpoint-every", () -> CHECKPOINT_EVERY);
    }
}
