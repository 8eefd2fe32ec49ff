package org.contributionledger.bench;

import java.util.Arrays;

/** Latencies of one kind of request, in nanoseconds, kept whole so percentiles are exact. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    synchronized void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    synchronized int count() {
        return count;
    }

    /** The latency that {@code percent} of the requests did not exceed, in milliseconds. */
    synchronized double percentileMillis(double percent) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }
}
