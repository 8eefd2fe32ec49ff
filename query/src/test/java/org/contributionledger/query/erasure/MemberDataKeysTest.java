package org.contributionledger.query.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.contributionledger.core.member.MemberErased;
import org.contributionledger.query.directory.ProjectionTestLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class MemberDataKeysTest {

    private ProjectionTestLedger ledger;
    private DataSourceTransactionManager transactions;
    private MemberDataKeys keys;

    @BeforeEach
    void setUp() {
        ledger = ProjectionTestLedger.create();
        transactions = new DataSourceTransactionManager(ledger.jdbc().getDataSource());
        keys = new MemberDataKeys(ledger.jdbc(), transactions, 60_000);
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void aMemberGetsOneKeyOnFirstNeed() {
        DataKey alice = keys.keyFor("garden", "alice");

        assertThat(keys.keyFor("garden", "alice")).isEqualTo(alice);
        assertThat(new MemberDataKeys(ledger.jdbc(), transactions, 0).keyFor("garden", "alice")).isEqualTo(alice);
        assertThat(keys.keyFor("garden", "bob")).isNotEqualTo(alice);
        assertThat(keys.keyFor("choir", "alice")).isNotEqualTo(alice);
        assertThat(keys.find(alice.keyId())).contains(alice);
    }

    @Test
    void erasureDestroysTheKeyForGood() {
        DataKey alice = keys.keyFor("garden", "alice");
        MemberDataKeys otherNode = new MemberDataKeys(ledger.jdbc(), transactions, 0);

        keys.on(new MemberErased("garden", "alice"), Instant.now());

        assertThat(keys.find(alice.keyId())).isEmpty();
        assertThat(otherNode.find(alice.keyId())).isEmpty();
        assertThat(ledger.jdbc().queryForObject("SELECT COUNT(*) FROM member_data_key WHERE key_base64 IS NOT NULL",
                Integer.class)).isZero();
        assertThatThrownBy(() -> keys.keyFor("garden", "alice")).isInstanceOf(MemberDataErased.class);
        assertThat(keys.existingKeys(List.of(alice.keyId()))).isEmpty();
    }

    @Test
    void aMemberErasedBeforeTheyHadAKeyNeverGetsOne() {
        keys.on(new MemberErased("garden", "alice"), Instant.now());

        assertThatThrownBy(() -> keys.keyFor("garden", "alice")).isInstanceOf(MemberDataErased.class);
    }

    @Test
    void aKeyCreatedInARolledBackTransactionIsNeverUsed() {
        String[] rolledBack = new String[1];
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            rolledBack[0] = keys.keyFor("garden", "alice").keyId();
            status.setRollbackOnly();
        });

        DataKey alice = keys.keyFor("garden", "alice");

        assertThat(alice.keyId()).isNotEqualTo(rolledBack[0]);
        assertThat(keys.find(rolledBack[0])).isEmpty();
        assertThat(keys.existingKeys(List.of(alice.keyId(), rolledBack[0])))
                .isEqualTo(Map.of(alice.keyId(), alice.keyBase64()));
    }

    @Test
    void aKeyFromAnExportOpensItsFieldsInAnotherLedger() {
        DataKey alice = keys.keyFor("garden", "alice");
        String sealed = PersonalDataCipher.encrypt(alice, "Alice");
        ProjectionTestLedger offline = ProjectionTestLedger.create();
        try {
            MemberDataKeys replayed = new MemberDataKeys(offline.jdbc(),
                    new DataSourceTransactionManager(offline.jdbc().getDataSource()), 60_000);

            replayed.importKey("garden", alice.keyId(), alice.keyBase64());
            replayed.importKey("garden", alice.keyId(), alice.keyBase64());

            assertThat(PersonalDataCipher.decrypt(replayed.find(alice.keyId()).orElseThrow(), sealed)).isEqualTo("Alice");
            assertThat(replayed.keyFor("garden", "alice").keyId()).isNotEqualTo(alice.keyId());
        } finally {
            offline.close();
        }
    }
}
