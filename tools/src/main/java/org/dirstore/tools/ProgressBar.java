package org.dirstore.tools;

import java.io.PrintWriter;
import java.util.Locale;
import org.dirstore.backup.BackupProgress;

/**
 * A one-line progress bar redrawn in place with carriage returns on stderr, at most ten times a
 * second. A plain renderer rather than a library: it needs no terminal detection beyond
 * {@link System#console()}, adds no dependency to the shaded jar, and degrades to nothing when
 * stderr is not a terminal (scripts, cron, CI logs).
 */
final class ProgressBar implements BackupProgress, AutoCloseable {
    private static final int WIDTH = 30;
    private static final long INTERVAL_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, String label, boolean enabled) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
    }

    /** A bar drawn only if the JVM has a terminal and {@code --no-progress} was not given. */
    static ProgressBar forTerminal(PrintWriter err, String label, boolean noProgress) {
        return new ProgressBar(err, label, !noProgress && System.console() != null);
    }

    @Override
    public void progress(long bytesDone, long bytesTotal, long filesDone, long filesTotal) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        boolean finished = filesDone >= filesTotal;
        if (drawn && !finished && now - lastDraw < INTERVAL_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.print('\r');
        err.print(render(bytesDone, bytesTotal, filesDone, filesTotal, (now - started) / 1e9));
        err.flush();
    }

    /** The bar's text for the given counts and elapsed seconds. */
    String render(long bytesDone, long bytesTotal, long filesDone, long filesTotal, double seconds) {
        double fraction = bytesTotal > 0 ? (double) bytesDone / bytesTotal : filesTotal > 0 ? (double) filesDone / filesTotal : 1;
        fraction = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(fraction * WIDTH);
        double rate = seconds > 0 ? bytesDone / seconds : 0;
        return String.format(Locale.ROOT, "%-8s [%s%s] %3d%% %s / %s  %d/%d files  %s/s", label,
                "#".repeat(filled), "-".repeat(WIDTH - filled), Math.round(fraction * 100),
                size(bytesDone), size(bytesTotal), filesDone, filesTotal, size((long) rate));
    }

    /** Human-readable binary size, e.g. {@code 12.3 MiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    @Override
    public void close() {
        if (drawn) {
            drawn = false;
            err.println();
            err.flush();
        }
    }
}
