package org.dirstore.bench.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Drops the OS page cache before a cold measurement when the process may (root on Linux); the
 * report states whether it could, so warm and cold numbers are never mixed silently.
 */
public final class PageCache {
    private static final Path DROP = Path.of("/proc/sys/vm/drop_caches");

    private PageCache() {
    }

    /**
     * Syncs and drops the page cache if {@code enabled}; returns false if it was not dropped
     * (disabled, or this process is not allowed to).
     */
    public static boolean drop(boolean enabled) {
        if (!enabled) {
            return false;
        }
        try {
            Process sync = new ProcessBuilder("sync").inheritIO().start();
            if (sync.waitFor() != 0) {
                return false;
            }
            Files.writeString(DROP, "3\n");
            return true;
        } catch (IOException e) {
            Log.info("cannot drop the page cache (" + e.getMessage() + "); measuring with a warm cache");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dropping the page cache", e);
        }
    }
}
