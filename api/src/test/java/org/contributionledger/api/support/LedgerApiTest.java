package org.contributionledger.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.contributionledger.LedgerApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP tests that share one running ledger. Every subclass inherits the same
 * configuration, so Spring's test context cache starts the application (and its H2 file database,
 * in a fresh directory under {@code target/}) once for all of them. Tests isolate themselves by
 * creating their own communities with {@link #unique(String) unique} ids.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=WARN", "logging.level.org.axonframework.modelling.command.AbstractRepository=ERROR",
                "spring.main.banner-mode=off"})
public abstract class LedgerApiTest {

    private static final Path DATA_DIR = newDataDir("shared");

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    /** The admin's client. */
    protected LedgerClient admin;
    protected EventStoreProbe events;

    @DynamicPropertySource
    static void ledgerProperties(DynamicPropertyRegistry registry) {
        TestLedger.properties(DATA_DIR).forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeEach
    void connect() {
        admin = LedgerClient.admin(port);
        events = new EventStoreProbe(jdbc);
    }

    /** An id no other test uses, safe in paths and in LIKE patterns: letters, digits and '-'. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A fresh directory under {@code target/test-data}, so {@code mvn clean} removes it. */
    public static Path newDataDir(String name) {
        try {
            Path parent = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(parent, name + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
