package org.dirstore.bench;

import java.util.List;

/**
 * How long and how big each measurement is. {@link #quick()} fits in under 10 minutes on 2 cores,
 * {@link #full()} meets the sizes of issue 5 (2 minutes sustained, 1 GiB backup, 1M objects),
 * {@link #smoke()} runs every scenario for a fraction of a second (the build's smoke test).
 *
 * @param name             quick, full or smoke
 * @param runs             repetitions of each commit measurement (medians are reported)
 * @param warmupMillis     warm-up before each measured window
 * @param windowMillis     length of a measured commit window
 * @param threadCounts     committer threads for measurement 1
 * @param valueSizes       object sizes for measurement 1
 * @param extraPoint       an extra (threads, size) point of measurement 1, or null
 * @param sustainedSeconds length of the sustained load per peer
 * @param sampleMillis     sampling interval of the sustained load
 * @param backupDataBytes  object data in the backed-up store
 * @param backupObjectBytes size of each object in the backed-up store
 * @param backupRuns       repetitions of each backup measurement
 * @param loadWindowMillis length of each window of measurement 4
 * @param loadRuns         windows with and without a backup in measurement 4
 * @param loadThreads      committer threads of measurement 4
 * @param openObjects      objects in the stores opened by measurement 5
 * @param openRuns         clean opens measured (each in a new JVM)
 * @param dropCaches       drop the OS page cache before cold measurements (not in the smoke test: it slows the whole machine)
 */
public record Mode(String name, int runs, long warmupMillis, long windowMillis, List<Integer> threadCounts,
                   List<Integer> valueSizes, int[] extraPoint, int sustainedSeconds, long sampleMillis,
                   long backupDataBytes, int backupObjectBytes, int backupRuns, long loadWindowMillis, int loadRuns, int loadThreads,
                   int openObjects, int openRuns, boolean dropCaches) {

    public static Mode quick() {
        return new Mode("quick", 3, 400, 1_000, List.of(1, 4, 16, 64), List.of(100, 4096), new int[] {16, 1024},
                20, 1_000, 128L << 20, 8192, 3, 3_000, 2, 16, 50_000, 2, true);
    }

    public static Mode full() {
        return new Mode("full", 3, 2_000, 5_000, List.of(1, 4, 16, 64), List.of(100, 4096), new int[] {16, 1024},
                150, 2_000, 1L << 30, 8192, 3, 15_000, 3, 16, 1_000_000, 3, true);
    }

    public static Mode smoke() {
        return new Mode("smoke", 1, 100, 200, List.of(2), List.of(100), null,
                1, 200, 1L << 20, 4096, 1, 300, 1, 2, 2_000, 1, false);
    }

    public static Mode named(String name) {
        return switch (name) {
            case "quick" -> quick();
            case "full" -> full();
            case "smoke" -> smoke();
            default -> throw new IllegalArgumentException("unknown mode " + name + " (quick, full or smoke)");
        };
    }
}
