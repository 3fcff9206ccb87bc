package org.zinfer.scoring.engine;

import java.io.PrintStream;

/** Reports progress of long work on stderr: done, total, rate and time left, at most every few seconds. */
public final class ProgressMeter {
    private final PrintStream out;
    private final String unit;
    private final long total;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private long lastReport = started;
    private long done;

    public ProgressMeter(PrintStream out, String unit, long total, double intervalSeconds) {
        this.out = out;
        this.unit = unit;
        this.total = total;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
    }

    public static ProgressMeter silent() {
        return new ProgressMeter(null, "", 0, 0);
    }

    public void advance(long count) {
        done += count;
        long now = System.nanoTime();
        if (out != null && now - lastReport >= intervalNanos) {
            lastReport = now;
            report(now);
        }
    }

    public long done() {
        return done;
    }

    public double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    public double rate() {
        double seconds = seconds();
        return seconds > 0 ? done / seconds : 0;
    }

    private void report(long now) {
        double rate = rate();
        StringBuilder line = new StringBuilder(String.format("%,d", done));
        if (total > 0) {
            line.append(String.format(" of %,d %s (%.1f%%)", total, unit, 100.0 * done / total));
        } else {
            line.append(' ').append(unit);
        }
        line.append(String.format(", %,.0f %s/s", rate, unit.split(" ")[0])); // "windows of epoch 2" → "windows/s"
        if (total > 0 && rate > 0) {
            long left = (long) ((total - done) / rate);
            line.append(String.format(", about %dh%02dm%02ds left", left / 3600, left / 60 % 60, left % 60));
        }
        out.println("zinfer: " + line);
    }
}
