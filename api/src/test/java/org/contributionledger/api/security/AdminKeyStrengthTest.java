package org.contributionledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.TestLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The ledger does not start with an admin key that is short or plain, and says why in one line. */
@ExtendWith(OutputCaptureExtension.class)
class AdminKeyStrengthTest {

    @ParameterizedTest
    @ValueSource(strings = {"change-me-admin-key", "short", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abcabcabcabcabcabcabcabcabcabc"})
    void weakKeysAreRefused(String key) {
        assertThatThrownBy(() -> AdminKey.requireStrong(key)).isInstanceOf(WeakAdminKey.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"change-me-to-a-long-random-admin-key", "Vq3x9Lk2Pz7Rt5Wm8Ny4Bc6D"})
    void keysOfTwentyFourVariedCharactersAreAccepted(String key) {
        assertThat(AdminKey.requireStrong(key)).isEqualTo(key);
    }

    @Test
    void theLedgerRefusesToStartWithAWeakKeyAndSaysWhyInOneLine(CapturedOutput output) {
        assertThatThrownBy(() -> TestLedger.start(LedgerApiTest.newDataDir("weak-admin-key"),
                Map.of("ledger.admin-key", "change-me-admin-key")).close())
                .hasRootCauseInstanceOf(WeakAdminKey.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains(new WeakAdminKey().getMessage())
                .doesNotContain("change-me-admin-key");
    }
}
