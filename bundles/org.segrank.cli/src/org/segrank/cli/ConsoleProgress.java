package org.segrank.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.segrank.metrics.coco.EvalMonitor;

/**
 * Progress on stderr for long CLI work: at most one line per ~2 s with count, rate and ETA, so
 * logs of batch runs stay readable. Cancellation is Ctrl-C (the JVM ends the run).
 */
final class ConsoleProgress implements EvalMonitor {
    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final String unit;
    private long start;
    private long lastReport;
    private int total;
    private int done;

    ConsoleProgress(PrintWriter err, String unit) {
        this.err = err;
        this.unit = unit;
    }

    /** Adapter for the (done, total) callbacks of the dataset code. */
    void progress(int doneSoFar, int totalUnits) {
        if (start == 0 || totalUnits != total) {
            begin(totalUnits);
            done = 0;
        }
        worked(doneSoFar - done);
    }

    static EvalMonitor silent() {
        return EvalMonitor.NONE;
    }

    @Override
    public void begin(int totalUnits) {
        total = totalUnits;
        start = System.nanoTime();
        lastReport = start;
    }

    @Override
    public void worked(int units) {
        done += units;
        long now = System.nanoTime();
        if (now - lastReport >= INTERVAL_NANOS && done < total) {
            lastReport = now;
            double seconds = (now - start) / 1e9;
            double rate = done / Math.max(seconds, 1e-9);
            err.printf(Locale.ROOT, "  %d/%d %s (%.1f/s, about %.0f s left)%n", done, total, unit, rate, (total - done) / rate);
            err.flush();
        }
    }
}
