package org.contributionledger.api.asof;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.TestLedger;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AsOfChecks} on the embedded H2 file database, in a ledger of its own (the positions are its alone). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=WARN", "spring.main.banner-mode=off"})
class AsOfIT extends AsOfChecks {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestLedger.properties(LedgerApiTest.newDataDir("as-of")).forEach((name, value) -> registry.add(name, () -> value));
    }
}
