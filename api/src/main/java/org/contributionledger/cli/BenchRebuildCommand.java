package org.contributionledger.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.contributionledger.query.durability.DsyncFilePath;
import org.contributionledger.api.erasure.PersonalDataFields;
import org.contributionledger.query.erasure.MemberDataKeys;
import org.contributionledger.query.history.RebuildBenchmark;
import org.contributionledger.query.history.SyntheticEventStore;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures a full rebuild of every SQL view, offline, on a fresh H2 file database (the server's
 * durable URL) filled with a synthetic history ({@link SyntheticEventStore}): the per-event
 * rebuild this project used before (the baseline) and the folded one ({@code ViewRebuild}), on the
 * same store in the same run, and checks that both leave the same views.
 */
@Command(name = "bench-rebuild", mixinStandardHelpOptions = true,
        description = "Benchmark the rebuild of every SQL view from a synthetic store: per-event (baseline) vs folded.")
public class BenchRebuildCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "1000000", description = "Events in the store (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--members", defaultValue = "1000", description = "Members of the community (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--baseline-events", description = "Events the baseline rebuilds, from the first (default: all; 0 skips it).")
    Long baselineEvents;

    @Option(names = "--runs", defaultValue = "2", description = "Folded rebuilds, one after the other (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--data-dir", description = "Folder for the database (default: a temporary one, deleted after);"
            + " a store already there is reused as it is.")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("ledger-bench-rebuild");
        DsyncFilePath.register();
        SingleConnectionDataSource database = new SingleConnectionDataSource(
                "jdbc:h2:dsync:" + dir.toAbsolutePath() + "/ledger;WRITE_DELAY=0", "sa", "", true);
        try {
            Flyway.configure().dataSource(database).locations("classpath:db/migration", "classpath:db/h2").load().migrate();
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(database);
            JdbcTemplate jdbc = new JdbcTemplate(database);
            ObjectMapper json = eventMapper();
            Serializer serializer = JacksonSerializer.builder()
                    .revisionResolver(new AnnotationRevisionResolver())
                    .objectMapper(PersonalDataFields.encryptedIn(json.copy(), new MemberDataKeys(jdbc, transactions, 30_000)))
                    .build();
            System.out.printf("Machine: %d cores, max heap %,d MiB; H2 file (dsync, WRITE_DELAY=0)%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

            Long existing = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
            if (existing != null && existing > 0) {
                System.out.printf("Store: %,d events already in %s%n", existing, dir);
            } else {
                long started = System.nanoTime();
                long stored = SyntheticEventStore.write(database, serializer, "bench", members, events);
                System.out.printf("Store: %,d events of %,d members written in %.1f s%n", stored, members,
                        (System.nanoTime() - started) / 1e9);
            }

            RebuildBenchmark bench = new RebuildBenchmark(jdbc, new TransactionTemplate(transactions), serializer, json);
            long baselineUpTo = baselineEvents == null ? Long.MAX_VALUE : baselineEvents;
            RebuildBenchmark.Result baseline = baselineUpTo > 0 ? bench.perEvent(baselineUpTo) : null;
            System.out.printf("%-22s %11s %9s %8s %8s %8s %10s %12s%n", "rebuild", "events", "rows", "seconds", "of it swap",
                    "CPU s", "events/s", "per CPU s");
            if (baseline != null) {
                print("baseline: per event", baseline);
            }
            RebuildBenchmark.Result last = null;
            for (int run = 1; run <= runs; run++) {
                last = bench.folded();
                print("folded, run " + run, last);
                if (baseline != null) {
                    System.out.printf("  speed-up over the baseline: %.1fx%n", last.eventsPerSecond() / baseline.eventsPerSecond());
                }
            }
            if (baseline != null && last != null && baseline.events() == last.events()) {
                boolean same = baseline.checksums().equals(last.checksums());
                System.out.println("Views after both rebuilds: " + (same ? "the same checksums" : "DIFFERENT checksums"));
                if (!same) {
                    return 1;
                }
            }
            System.out.printf("Peak heap used: %,d MiB%n", peakHeap() >> 20);
            return 0;
        } finally {
            database.destroy();
            if (dataDir == null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    private static void print(String name, RebuildBenchmark.Result result) {
        System.out.printf("%-22s %,11d %,9d %8.1f %8.1f %8.1f %,10.0f %,12.0f%n", name, result.events(), result.rows(),
                result.seconds(), result.switchSeconds(), result.cpuSeconds(), result.eventsPerSecond(),
                result.events() / result.cpuSeconds());
    }

    /** The application's mapper as its configuration (application.yml, spring.jackson) sets it for stored events. */
    private static ObjectMapper eventMapper() {
        return JsonMapper.builder().findAndAddModules()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
