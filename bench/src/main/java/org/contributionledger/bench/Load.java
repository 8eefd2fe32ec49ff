package org.contributionledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** The two ways the benchmark sends load. */
final class Load {

    private Load() {
    }

    /**
     * Closed loop: {@code clients} threads each send the next request as soon as the previous is
     * answered, until {@code total} requests were sent. Returns requests per second.
     */
    static double closedLoop(int clients, long total, Request request) {
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    request.send(i);
                }
                return null;
            }));
        }
        awaitAll(running, pool);
        return total / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Open loop: request {@code i} is due at {@code start + i / rate}, whatever happened to the ones
     * before; its latency counts from that due time, not from when a thread got round to sending it,
     * so a stall of the server shows in the latency of every request due during it. Enough threads
     * that a free one is there when a request is due, unless the server is far behind.
     *
     * @param latencyOf where request {@code i}'s latency goes
     */
    static void openLoop(double rate, long total, int threads, Request request, LatencySink latencyOf) {
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime() + 20_000_000;
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = start + (long) (i * 1e9 / rate);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    request.send(i);
                    latencyOf.record(i, System.nanoTime() - due);
                }
                return null;
            }));
        }
        awaitAll(running, pool);
    }

    private static void awaitAll(List<Future<?>> running, ExecutorService pool) {
        try {
            for (Future<?> future : running) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("A request of the benchmark failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface Request {
        void send(long index);
    }

    @FunctionalInterface
    interface LatencySink {
        void record(long index, long nanos);
    }
}
