package org.dirstore.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Main class run in a child JVM by {@link RestoreCrashTest}: restores the chain ending with a
 * backup into a target, printing "progress BYTES TOTAL" lines (at most one per percent), then "done".
 */
public final class RestoreChild {
    private RestoreChild() {
    }

    public static void main(String[] args) throws IOException {
        BackupChain chain = BackupCatalog.scan(Path.of(args[0])).chainTo(args[1]);
        long[] lastPercent = {-1};
        new BackupRestorer().restore(chain, Path.of(args[2]), OptionalLong.empty(), (bytes, total, done, count) -> {
            long percent = total == 0 ? 100 : bytes * 100 / total;
            if (percent != lastPercent[0]) {
                lastPercent[0] = percent;
                System.out.println("progress " + bytes + " " + total);
                System.out.flush();
            }
        });
        System.out.println("done");
        System.out.flush();
    }
}
