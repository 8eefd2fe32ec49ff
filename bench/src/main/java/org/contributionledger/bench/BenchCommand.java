package org.contributionledger.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The side-by-side benchmark: the same requests, sent the same way, to the baseline (the same
 * domain on Axon's defaults) and to the ledger as shipped, each a child JVM on its own fresh
 * database, on H2 file and on PostgreSQL; one table with both sides and their ratio.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark the ledger as shipped against its baseline (Axon's defaults), side by side.")
public class BenchCommand implements Callable<Integer> {

    private static final String ADMIN_KEY = "bench-admin-key-0123456789abcdef";
    static final String SHIPPED = "shipped";
    static final String BASELINE = "baseline";

    @Option(names = "--quick", description = "Small sizes: a first look at the whole table in a few minutes.")
    boolean quick;

    @Option(names = "--databases", split = ",", defaultValue = "h2,postgres",
            description = "Which databases to run on: h2, postgres (default: both).")
    List<String> databases;

    @Option(names = "--members", description = "Members of the benchmark's community (default 1000; quick 100).")
    Integer members;

    @Option(names = "--batch-acts", description = "Acts sent through the batch endpoint, timed (default 20000; quick 2000).")
    Integer batchActs;

    @Option(names = "--batch-size", defaultValue = "1000", description = "Acts per batch request.")
    int batchSize;

    @Option(names = "--batch-clients", defaultValue = "2", description = "Concurrent clients sending batches.")
    int batchClients;

    @Option(names = "--single-posts", description = "Single POSTs sent in the closed loop (default 3000; quick 300).")
    Integer singlePosts;

    @Option(names = "--single-clients", defaultValue = "4", description = "Concurrent clients in the closed loop.")
    int singleClients;

    @Option(names = "--offered-rate", description = "Single POSTs per second offered in the open loop (default 1000; quick 200).")
    Integer offeredRate;

    @Option(names = "--read-rate", description = "Reads per second offered to each kind of read, one kind after another (default 1000; quick 200).")
    Integer readRate;

    @Option(names = "--seconds", description = "Length of each open-loop phase (default 10; quick 3).")
    Integer seconds;

    @Option(names = "--store-acts", description = "Acts in the shipped side's store before its rebuild and restart,"
            + " counting those sent before; the rest are sent in batches, untimed (default 1000000; quick 5000).")
    Integer storeActs;

    @Option(names = "--baseline-store-acts", description = "The same for the baseline, whose writes are too slow to"
            + " fill a million within the run (default 20000; quick 2000).")
    Integer baselineStoreActs;

    @Option(names = "--heap", defaultValue = "2g", description = "-Xmx of both servers.")
    String heap;

    @Option(names = "--ledger-jar", defaultValue = "api/target/contribution-ledger.jar",
            description = "The shipped ledger's jar.")
    Path ledgerJar;

    @Option(names = "--bench-jar", description = "This jar, which also runs the baseline (default: the running jar).")
    Path benchJar;

    @Option(names = "--class-data-sharing", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start both servers as ./ledger starts the ledger: the jar unpacked and a class data"
                    + " sharing archive made by a training start (default; --no-class-data-sharing: plain java -jar).")
    boolean classDataSharing;

    @Option(names = "--work-dir", description = "Where the databases and the servers' logs go (default: a new temporary folder).")
    Path workDir;

    private final Map<String, Launch> launches = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        applySizes();
        // The embedded PostgreSQL server's start-up chatter would bury the table.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.zonky"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        if (benchJar == null) {
            benchJar = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]);
        }
        if (!Files.isRegularFile(ledgerJar) || !Files.isRegularFile(benchJar)) {
            System.err.println("No jar at " + ledgerJar + " or " + benchJar + ": build first (./ledger bench builds them)");
            return 2;
        }
        if (workDir == null) {
            workDir = Files.createTempDirectory("ledger-bench");
        }
        // Absolute: the servers are handed paths under it, and H2 refuses a path relative to the working directory.
        workDir = workDir.toAbsolutePath();
        Table table = new Table();
        List<String> failures = new ArrayList<>();
        for (String database : databases) {
            try (Database db = Database.open(database, workDir)) {
                for (String side : List.of(BASELINE, SHIPPED)) {
                    try {
                        run(side, db, (measure, value) -> {
                            table.put(measure, database, side, value);
                            progress(database + " " + side, measure + " = " + Table.number(value));
                        });
                    } catch (Exception failure) {
                        // The figures taken so far stay in the table: a run of half an hour must not
                        // lose them to one failing phase. The other side and database still run.
                        failures.add(database + " " + side + ": " + failure.getMessage());
                        progress(database + " " + side, "FAILED: " + failure.getMessage());
                    }
                }
            }
        }
        System.out.println();
        System.out.println(machine());
        System.out.printf("Sizes: %,d members; %,d acts in batches of %,d by %d clients; %,d single POSTs by %d clients;"
                        + " open loops %d s at %,d POSTs/s and %,d reads/s; stores of %,d acts (baseline)"
                        + " and %,d (shipped); -Xmx%s; %s%n",
                members, batchActs, batchSize, batchClients, singlePosts, singleClients, seconds, offeredRate,
                readRate, baselineStoreActs, storeActs, heap, classDataSharing
                        ? "both servers started with class data sharing, as ./ledger starts the ledger"
                        : "both servers started with plain java -jar");
        System.out.println("ratio: how many times better the shipped side is (rates: shipped/baseline;"
                + " latencies, times, heap: baseline/shipped)");
        System.out.println();
        System.out.print(table.render(databases));
        System.out.println();
        System.out.printf("Requests answered busy (503/429) and sent again after Retry-After: %,d%n", Http.RETRIES.get());
        System.out.printf("Requests whose kept-alive connection closed before any answer, sent again: %,d%n",
                Http.DROPPED.get());
        System.out.println("Servers' logs and databases: " + workDir);
        if (!failures.isEmpty()) {
            System.out.println();
            System.out.println("FAILED (their rows show '-' from the failing phase on):");
            failures.forEach(failure -> System.out.println("  " + failure));
            return 1;
        }
        return 0;
    }

    private void applySizes() {
        members = choose(members, 1000, 100);
        batchActs = choose(batchActs, 20_000, 2_000);
        singlePosts = choose(singlePosts, 3_000, 300);
        offeredRate = choose(offeredRate, 1_000, 200);
        readRate = choose(readRate, 1_000, 200);
        seconds = choose(seconds, 10, 3);
        storeActs = choose(storeActs, 1_000_000, 5_000);
        baselineStoreActs = choose(baselineStoreActs, 20_000, 2_000);
    }

    private Integer choose(Integer given, int full, int small) {
        return given != null ? given : quick ? small : full;
    }

    /**
     * Every measure of one side on one database, each server started on an empty database, handed
     * to {@code measured} as soon as it is taken.
     */
    private void run(String side, Database db, BiConsumer<String, Double> measured) throws Exception {
        // Every put is also reported, so a later failing phase keeps the figures taken before it.
        Map<String, Double> figures = new LinkedHashMap<>() {
            @Override
            public Double put(String measure, Double value) {
                measured.accept(measure, value);
                return super.put(measure, value);
            }
        };
        Path dataDir = workDir.resolve(db.name() + "-" + side);
        Map<String, String> env = environment(side, db, dataDir);
        List<String> args = side.equals(SHIPPED) ? List.of() : List.of(BenchMain.BASELINE_SERVER);
        Launch launch = launches.computeIfAbsent(side, unused -> launch(side, args, env));
        String name = db.name() + " " + side;
        try (ServerProcess server = ServerProcess.start(db.name() + "-" + side, workDir, heap, launch, args, env, 600)) {
            Workload work = new Workload(server.url, ADMIN_KEY, "bench", members);
            work.setUp();

            progress(name, "batch ingest");
            figures.put(Table.BATCH, work.batchIngest(batchActs, batchSize, batchClients));
            progress(name, "single POSTs");
            figures.put(Table.SINGLE_RATE, work.singleClosedLoop(singlePosts, singleClients));
            Latencies single = work.singleOpenLoop(offeredRate, seconds);
            figures.put(Table.SINGLE_P50, single.percentileMillis(50));
            figures.put(Table.SINGLE_P99, single.percentileMillis(99));

            // Reads on the full store: the read targets are for a large community.
            int storeSize = side.equals(SHIPPED) ? storeActs : baselineStoreActs;
            progress(name, "filling the store to " + storeSize + " acts");
            work.fillStore(storeSize, batchSize, batchClients);
            progress(name, "reads");
            work.awaitReadsAnswer();
            for (String kind : Table.READS) {
                Latencies latencies = work.readsOpenLoop(kind, readRate, seconds);
                figures.put(Table.read(kind, 50), latencies.percentileMillis(50));
                figures.put(Table.read(kind, 99), latencies.percentileMillis(99));
            }
            figures.put(Table.LIVE_HEAP, server.liveHeapMiB());

            progress(name, "rebuild");
            Workload.Rebuilt rebuilt = work.rebuild(side);
            figures.put(Table.STORE_EVENTS, (double) rebuilt.events());
            figures.put(Table.REBUILD, rebuilt.events() / rebuilt.seconds());
            figures.put(Table.PEAK_HEAP, (double) server.peakHeapMiB());
        }
        progress(name, "restart");
        try (ServerProcess restarted = ServerProcess.start(db.name() + "-" + side + "-restart", workDir, heap, launch,
                args, env, 1200)) {
            figures.put(Table.STARTUP, restarted.secondsToReady);
            figures.put(Table.STARTUP_RATE, figures.get(Table.STORE_EVENTS) / restarted.secondsToReady);
            figures.put(Table.PEAK_HEAP, Math.max(figures.get(Table.PEAK_HEAP), restarted.peakHeapMiB()));
        }
    }

    /** One per side, made at its first start and used for every database. */
    private Launch launch(String side, List<String> args, Map<String, String> env) {
        Path jar = side.equals(SHIPPED) ? ledgerJar : benchJar;
        if (!classDataSharing) {
            return Launch.plain(jar);
        }
        progress(side, "preparing class data sharing");
        return Launch.withClassDataSharing(side, jar, args, env, workDir);
    }

    private static void progress(String server, String phase) {
        System.err.printf("%tT %s: %s%n", System.currentTimeMillis(), server, phase);
    }

    private Map<String, String> environment(String side, Database db, Path dataDir) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("LEDGER_ADMIN_KEY", ADMIN_KEY);
        env.put("LEDGER_DATA_DIR", dataDir.toString());
        // The per-key rate limits protect a shared server from one platform; here they would only
        // cap the load the benchmark offers.
        for (String limit : List.of("LEDGER_KEY_RATE_LIMIT", "LEDGER_KEY_BURST", "LEDGER_ADMIN_RATE_LIMIT",
                "LEDGER_ADMIN_BURST")) {
            env.put(limit, "1000000");
        }
        if (db.isPostgres()) {
            env.put("LEDGER_DB_URL", db.newDatabase(side));
            env.put("LEDGER_DB_USER", "postgres");
            env.put("SPRING_PROFILES_ACTIVE", "postgres");
        }
        return env;
    }

    static String machine() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format("Machine: %d cores, %.1f GiB memory, %s %s, Java %s; %s", Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize() / (1024.0 * 1024 * 1024), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), Instant.now());
    }

    /** Rows in order, each with a value per database and side. */
    static final class Table {
        static final String BATCH = "batch ingest (acts/s)";
        static final String SINGLE_RATE = "single POSTs, closed loop (req/s)";
        static final String SINGLE_P50 = "single POST p50 at offered rate (ms)";
        static final String SINGLE_P99 = "single POST p99 at offered rate (ms)";
        static final String STORE_EVENTS = "events in the store (count)";
        static final String REBUILD = "rebuild of every view (events/s)";
        static final String STARTUP = "restart to readiness UP (s)";
        static final String STARTUP_RATE = "restart: events per second to ready";
        static final String PEAK_HEAP = "peak heap (MiB)";
        static final String LIVE_HEAP = "heap live after the reads (MiB)";
        static final List<String> READS = List.of("statement", "reciprocity", "reputation", "leaderboard", "stats");

        private final Map<String, Map<String, Double>> rows = new LinkedHashMap<>();

        static String read(String kind, int percentile) {
            return "read " + kind + " p" + percentile + " (ms)";
        }

        static List<String> measures() {
            List<String> measures = new ArrayList<>(List.of(BATCH, SINGLE_RATE, SINGLE_P50, SINGLE_P99));
            for (String kind : READS) {
                measures.add(read(kind, 50));
                measures.add(read(kind, 99));
            }
            measures.addAll(List.of(STORE_EVENTS, REBUILD, STARTUP, STARTUP_RATE, PEAK_HEAP, LIVE_HEAP));
            return measures;
        }

        void put(String measure, String database, String side, double value) {
            rows.computeIfAbsent(measure, m -> new HashMap<>()).put(database + "/" + side, value);
        }

        String render(List<String> databases) {
            StringBuilder out = new StringBuilder();
            out.append(String.format("%-38s", "measure"));
            for (String database : databases) {
                out.append(String.format(" | %17s %17s %7s", database + " " + BASELINE, database + " " + SHIPPED, "ratio"));
            }
            out.append('\n');
            for (String measure : measures()) {
                Map<String, Double> row = rows.getOrDefault(measure, Map.of());
                out.append(String.format("%-38s", measure));
                for (String database : databases) {
                    Double baseline = row.get(database + "/" + BASELINE);
                    Double shipped = row.get(database + "/" + SHIPPED);
                    out.append(String.format(" | %17s %17s %7s", number(baseline), number(shipped),
                            ratio(database, measure, baseline, shipped)));
                }
                out.append('\n');
            }
            return out.toString();
        }

        static String number(Double value) {
            if (value == null || value.isNaN()) {
                return "-";
            }
            return Math.abs(value) >= 100 ? String.format("%,.0f", value) : String.format("%.2f", value);
        }

        private String ratio(String database, String measure, Double baseline, Double shipped) {
            // Start-up time grows with the store: compared only between stores of one size (else see the rate).
            boolean sameStore = Objects.equals(rows.getOrDefault(STORE_EVENTS, Map.of()).get(database + "/" + BASELINE),
                    rows.getOrDefault(STORE_EVENTS, Map.of()).get(database + "/" + SHIPPED));
            if (measure.equals(STORE_EVENTS) || measure.equals(STARTUP) && !sameStore || baseline == null || shipped == null || baseline == 0 || shipped == 0
                    || baseline.isNaN() || shipped.isNaN()) {
                return "-";
            }
            boolean higherIsBetter = measure.endsWith("/s)") || measure.equals(STARTUP_RATE);
            return String.format("%.1fx", higherIsBetter ? shipped / baseline : baseline / shipped);
        }
    }
}
