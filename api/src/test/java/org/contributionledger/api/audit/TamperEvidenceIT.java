package org.contributionledger.api.audit;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.TestLedger;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link TamperEvidence} on the embedded H2 file database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TamperEvidenceIT extends TamperEvidence {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestLedger.properties(LedgerApiTest.newDataDir("tamper")).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("ledger.audit.hmac-key", () -> HMAC_KEY);
        registry.add("ledger.audit.checkpoint-every", () -> CHECKPOINT_EVERY);
    }
}
