package org.contributionledger.cli;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Sends requests at a fixed offered rate, whatever the server's answers take (an open loop), and
 * measures each request's latency from the time it was scheduled to be sent, not from when a free
 * client thread got to it: a server that falls behind is seen waiting, instead of slowing the
 * load down and hiding its queue (coordinated omission).
 * <p>
 * Entry point: {@link #run(LongFunction, int, Duration)}, one run of one kind of request.
 */
public final class OpenLoopLoad {

    /** Latencies of one run, in milliseconds; {@code failed} counts answers other than 2xx and transport errors. */
    public record Result(long sent, long failed, double p50Ms, double p99Ms, double maxMs, double achievedPerSecond) {
    }

    private final HttpClient http;
    private final int threads;

    /** @param threads client threads: enough that the rate never waits for one (a request in flight each) */
    public OpenLoopLoad(HttpClient http, int threads) {
        this.http = http;
        this.threads = threads;
    }

    /**
     * Sends {@code request.apply(i)} for i = 0, 1, ... at {@code perSecond} for {@code duration}, and
     * waits for every answer.
     */
    public Result run(LongFunction<HttpRequest> request, int perSecond, Duration duration) throws InterruptedException {
        int total = (int) Math.max(1, duration.toMillis() * perSecond / 1000);
        long[] latencies = new long[total];
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "open-loop-client");
            thread.setDaemon(true);
            return thread;
        });
        long intervalNanos = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            pool.execute(() -> {
                try {
                    HttpResponse<Void> response = http.send(request.apply(index), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() / 100 != 2) {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
                latencies[index] = System.nanoTime() - scheduled;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("Answers still missing 5 minutes after the last request was sent");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(total, failed.get(), millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)),
                millis(sorted[sorted.length - 1]), total / seconds);
    }

    /** The smallest latency that at least {@code share} of all latencies do not exceed. */
    static long percentile(long[] sorted, double share) {
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
