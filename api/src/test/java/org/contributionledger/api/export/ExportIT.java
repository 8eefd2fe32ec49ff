package org.contributionledger.api.export;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.TestLedger;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ExportChecks} on the embedded H2 file database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=WARN", "spring.main.banner-mode=off"})
class ExportIT extends ExportChecks {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestLedger.properties(LedgerApiTest.newDataDir("export")).forEach((name, value) -> registry.add(name, () -> value));
    }
}
