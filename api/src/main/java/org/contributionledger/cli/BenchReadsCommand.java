package org.contributionledger.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures read latency against a running ledger at a fixed offered rate (see {@link OpenLoopLoad}),
 * one kind of read after another: statement, member and pairwise reciprocity, reputation,
 * leaderboard and stats. Members are those {@code bench-ingest} registers ({@code m0}, {@code m1}, ...),
 * each request asking about another one.
 */
@Command(name = "bench-reads", mixinStandardHelpOptions = true,
        description = "Benchmark read latency (p50/p99 from the scheduled send time) at a fixed request rate.")
public class BenchReadsCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "${env:LEDGER_URL:-http://localhost:8080}")
    String url;

    @Option(names = "--key", defaultValue = "${env:LEDGER_ADMIN_KEY}",
            description = "The community's key or the admin key (default: $LEDGER_ADMIN_KEY).")
    String key;

    @Option(names = "--community", required = true)
    String community;

    @Option(names = "--members", defaultValue = "1000", description = "Members m0 .. m<n-1> to ask about.")
    int members;

    @Option(names = "--rate", defaultValue = "1000", description = "Requests per second offered.")
    int rate;

    @Option(names = "--seconds", defaultValue = "20", description = "How long each kind of read is measured.")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5", description = "Unmeasured load before each kind.")
    int warmupSeconds;

    @Option(names = "--threads", defaultValue = "64", description = "Client threads.")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (key == null || key.isBlank()) {
            System.err.println("No key: pass --key or set LEDGER_ADMIN_KEY");
            return ExitCodes.USAGE;
        }
        String base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/api/v1/communities/"
                + community;
        Map<String, LongFunction<String>> reads = new LinkedHashMap<>();
        reads.put("statement", i -> "/members/" + member(i) + "/statement?limit=20");
        reads.put("reciprocity (member)", i -> "/members/" + member(i) + "/reciprocity");
        reads.put("reciprocity (pairwise)", i -> "/reciprocity?a=" + member(i) + "&b=" + member(i + 1));
        reads.put("reputation", i -> "/members/" + member(i) + "/reputation");
        reads.put("leaderboard", i -> "/leaderboard?limit=20");
        reads.put("stats", i -> "/stats");

        OpenLoopLoad load = new OpenLoopLoad(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                threads);
        System.out.printf("Read latency at %,d requests/s offered, %d s each, community %s (%d cores, %,d MiB heap max here)%n",
                rate, seconds, community, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%-24s %9s %7s %9s %9s %9s %10s%n", "read", "requests", "failed", "p50 ms", "p99 ms",
                "max ms", "achieved/s");
        for (Map.Entry<String, LongFunction<String>> read : reads.entrySet()) {
            LongFunction<HttpRequest> request = i -> HttpRequest.newBuilder(URI.create(base + read.getValue().apply(i)))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key)
                    .header("Accept", "application/json").GET().build();
            if (warmupSeconds > 0) {
                load.run(request, rate, Duration.ofSeconds(warmupSeconds));
            }
            OpenLoopLoad.Result result = load.run(request, rate, Duration.ofSeconds(seconds));
            System.out.printf("%-24s %,9d %7d %9.2f %9.2f %9.2f %,10.0f%n", read.getKey(), result.sent(),
                    result.failed(), result.p50Ms(), result.p99Ms(), result.maxMs(), result.achievedPerSecond());
        }
        return 0;
    }

    /** Spreads the requests over the members, in an order unrelated to their numbers. */
    private String member(long i) {
        return "m" + Math.floorMod(i * 7919, members);
    }
}
