package org.contributionledger.api.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.contributionledger.LedgerApplication;
import org.contributionledger.api.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

/**
 * The postgres profile without LEDGER_DB_URL stops the start with one line naming the variable.
 * Before this check it failed only when the connection pool was built, with "'url' must start with
 * "jdbc"" at the bottom of a chain of unrelated beans.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseUrlRequiredTest {

    @Test
    void thePostgresProfileWithoutLedgerDbUrlRefusesToStartAndNamesIt(CapturedOutput output) {
        assertThatThrownBy(() -> start(List.of()).close()).isInstanceOf(MissingDatabaseUrl.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("Description:" + System.lineSeparator() + System.lineSeparator() + new MissingDatabaseUrl().getMessage()
                        + System.lineSeparator())
                .contains("Set LEDGER_DB_URL")
                .doesNotContain("must start with \"jdbc\"");
    }

    @Test
    void aBlankLedgerDbUrlIsRefusedAlike() {
        assertThatThrownBy(() -> start(List.of("--LEDGER_DB_URL= ")).close()).isInstanceOf(MissingDatabaseUrl.class);
    }

    @Test
    void theUrlMayComeFromLedgerDbUrlOrFromSpringsOwnProperty() {
        MockEnvironment profile = new MockEnvironment().withProperty("spring.datasource.url", "${LEDGER_DB_URL}");
        assertThat(DatabaseUrlCheck.hasUrl(profile)).isFalse();
        assertThat(DatabaseUrlCheck.hasUrl(profile.withProperty("LEDGER_DB_URL", "jdbc:postgresql://db:5432/ledger"))).isTrue();
        assertThat(DatabaseUrlCheck.hasUrl(new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/ledger"))).isTrue();
    }

    /**
     * The ledger with the postgres profile, and without the process's environment variables, so
     * that a LEDGER_DB_URL set where the tests run cannot hide the missing one.
     */
    private static AutoCloseable start(List<String> moreArgs) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        SpringApplication application = new SpringApplication(LedgerApplication.class);
        application.setEnvironment(environment);
        List<String> args = new java.util.ArrayList<>(List.of("--spring.profiles.active=postgres", "--server.port=0",
                "--ledger.admin-key=" + LedgerClient.ADMIN_KEY, "--spring.main.banner-mode=off"));
        args.addAll(moreArgs);
        return application.run(args.toArray(String[]::new));
    }
}
