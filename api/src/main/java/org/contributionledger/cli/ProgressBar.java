package org.contributionledger.cli;

import java.io.PrintStream;

/** A one-line progress bar on standard error, redrawn at most ten times a second. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (done < total && now - lastDrawNanos < 100_000_000L) {
            return;
        }
        lastDrawNanos = now;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        double seconds = Math.max((now - startNanos) / 1e9, 1e-9);
        out.printf("\r%-10s [%s%s] %,d/%,d (%3d%%) %,.0f rows/s", label, "=".repeat(filled), " ".repeat(WIDTH - filled),
                done, total, total == 0 ? 100 : 100 * done / total, done / seconds);
        if (done >= total) {
            out.println();
        }
        out.flush();
    }
}
