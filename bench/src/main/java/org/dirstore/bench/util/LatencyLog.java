package org.dirstore.bench.util;

import java.util.Arrays;
import java.util.List;

/** Commit latencies of one thread in nanoseconds; merged into percentiles after a run. Not thread-safe. */
public final class LatencyLog {
    private long[] nanos = new long[4096];
    private int size;

    public void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** Moves every entry of this log into {@code target} and clears this one. */
    public void drainTo(LatencyLog target) {
        for (int i = 0; i < size; i++) {
            target.add(nanos[i]);
        }
        size = 0;
    }

    /** Percentiles (in milliseconds) over all the given logs. */
    public static Percentiles merge(List<LatencyLog> logs) {
        int total = 0;
        for (LatencyLog l : logs) {
            total += l.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyLog l : logs) {
            System.arraycopy(l.nanos, 0, all, at, l.size);
            at += l.size;
        }
        Arrays.sort(all);
        return new Percentiles(total, millis(all, 0.50), millis(all, 0.99), total == 0 ? 0 : all[total - 1] / 1e6);
    }

    private static double millis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** Latency percentiles of a run, in milliseconds. */
    public record Percentiles(long count, double p50Ms, double p99Ms, double maxMs) {
    }
}
