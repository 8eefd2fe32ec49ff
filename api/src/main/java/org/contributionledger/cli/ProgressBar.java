package org.contributionledger.cli;

import java.io.PrintStream;

/** A one-line progress bar on standard error, redrawn at most ten times a second. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final String unit;
    private long total;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private boolean complete;

    ProgressBar(PrintStream out, String label, long total) {
        this(out, label, total, "rows");
    }

    /** @param unit what is counted, e.g. "events" (the rate is shown per second of it) */
    ProgressBar(PrintStream out, String label, long total, String unit) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.unit = unit;
    }

    /** For work whose total grows while it runs (a rebuild counts the events stored meanwhile). */
    void update(long done, long total) {
        this.total = total;
        update(done);
    }

    void update(long done) {
        long now = System.nanoTime();
        if (complete || done < total && now - lastDrawNanos < 100_000_000L) {
            return;
        }
        lastDrawNanos = now;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        double seconds = Math.max((now - startNanos) / 1e9, 1e-9);
        out.printf("\r%-10s [%s%s] %,d/%,d (%3d%%) %,.0f %s/s", label, "=".repeat(filled), " ".repeat(WIDTH - filled),
                done, total, total == 0 ? 100 : 100 * done / total, done / seconds, unit);
        if (done >= total) {
            complete = true;
            out.println();
        }
        out.flush();
    }
}
