package org.contributionledger.api.rebuild;

import java.io.IOException;

import org.contributionledger.api.support.LedgerClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** {@link RebuildChecks} on PostgreSQL (the production profile), started by the test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=WARN", "spring.main.banner-mode=off"})
@ActiveProfiles("postgres")
@DirtiesContext
class RebuildPostgresIT extends RebuildChecks {

    private static EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("ledger.admin-key", () -> LedgerClient.ADMIN_KEY);
    }

    /** The database closes with the ledger's context, after its processors have stopped (see PostgresIT). */
    @TestConfiguration(proxyBeanMethods = false)
    static class StopsWithTheLedger {
        @Bean(destroyMethod = "close")
        EmbeddedPostgres embeddedPostgres() {
            return postgres;
        }
    }
}
