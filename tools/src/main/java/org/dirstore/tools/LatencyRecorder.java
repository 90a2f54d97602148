package org.dirstore.tools;

import com.carrotsearch.hppc.LongArrayList;
import java.util.Arrays;
import java.util.Locale;

/** Commit latencies of one thread, kept apart for commits that ran during a backup and the rest. */
final class LatencyRecorder {
    private final LongArrayList normal = new LongArrayList();
    private final LongArrayList duringBackup = new LongArrayList();

    void record(long nanos, boolean backupRunning) {
        (backupRunning ? duringBackup : normal).add(nanos);
    }

    /** Merges the recorders of all threads. */
    static LatencyRecorder merge(Iterable<LatencyRecorder> recorders) {
        LatencyRecorder all = new LatencyRecorder();
        for (LatencyRecorder r : recorders) {
            all.normal.addAll(r.normal);
            all.duringBackup.addAll(r.duringBackup);
        }
        return all;
    }

    /** e.g. "1234 commits, p50 0.8 ms, p99 4.1 ms, max 12.0 ms", or null if there were none. */
    String describe(boolean backupRunning) {
        long[] values = (backupRunning ? duringBackup : normal).toArray();
        if (values.length == 0) {
            return null;
        }
        Arrays.sort(values);
        return String.format(Locale.ROOT, "%d commits, p50 %.2f ms, p99 %.2f ms, max %.2f ms", values.length,
                percentile(values, 50) / 1e6, percentile(values, 99) / 1e6, values[values.length - 1] / 1e6);
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
