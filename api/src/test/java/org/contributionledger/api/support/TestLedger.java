package org.contributionledger.api.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.contributionledger.LedgerApplication;
import org.contributionledger.query.reputation.ReplayProgress;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The test configuration of the ledger, and a way to run it outside Spring's test framework (for
 * jqwik properties and restart tests): an H2 file database in the given directory, a known admin
 * key, a random port.
 */
public final class TestLedger implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private TestLedger(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Properties that pin the database to {@code dataDir}, whatever LEDGER_* variables the environment holds. */
    public static Map<String, String> properties(Path dataDir) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("ledger.data-dir", dataDir.toString());
        properties.put("spring.datasource.url", "jdbc:h2:dsync:" + dataDir.resolve("ledger") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        properties.put("spring.datasource.username", "sa");
        properties.put("spring.datasource.password", "");
        properties.put("ledger.admin-key", LedgerClient.ADMIN_KEY);
        properties.put("logging.level.root", "WARN");
        // A command for an aggregate that does not exist is an ordinary 404, not worth a stack trace.
        properties.put("logging.level.org.axonframework.modelling.command.AbstractRepository", "ERROR");
        properties.put("spring.main.banner-mode", "off");
        return properties;
    }

    /** Starts the whole application on a random port over the H2 files in {@code dataDir}. */
    public static TestLedger start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * As {@link #start(Path)}, with some properties set otherwise (e.g. small rate limits). Returns
     * once the ledger is ready: the reputation has replayed the history stored at start, so its
     * reads answer rather than 503.
     */
    public static TestLedger start(Path dataDir, Map<String, String> overrides) {
        TestLedger ledger = startReplaying(dataDir, overrides);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        ReplayProgress progress = ledger.bean(ReplayProgress.class);
        while (!progress.caughtUp()) {
            if (System.nanoTime() > deadline) {
                ledger.close();
                throw new IllegalStateException("The reputation replay did not catch up within 2 minutes");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return ledger;
    }

    /** Starts the ledger and returns at once, maybe while the reputation is still being replayed. */
    public static TestLedger startReplaying(Path dataDir, Map<String, String> overrides, Class<?>... moreSources) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        Map<String, String> properties = properties(dataDir);
        properties.putAll(overrides);
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        Class<?>[] sources = new Class<?>[moreSources.length + 1];
        sources[0] = LedgerApplication.class;
        System.arraycopy(moreSources, 0, sources, 1, moreSources.length);
        return new TestLedger(SpringApplication.run(sources, args.toArray(String[]::new)));
    }

    public int port() {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    public LedgerClient admin() {
        return LedgerClient.admin(port());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public EventStoreProbe events() {
        return new EventStoreProbe(context.getBean(JdbcTemplate.class));
    }

    @Override
    public void close() {
        context.close();
    }
}
