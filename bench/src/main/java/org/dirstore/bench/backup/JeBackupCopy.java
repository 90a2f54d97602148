package org.dirstore.bench.backup;

import com.sleepycat.je.Environment;
import com.sleepycat.je.util.DbBackup;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A hot Berkeley DB JE backup: {@link DbBackup} names the log files, which are copied and forced. */
public final class JeBackupCopy {
    private JeBackupCopy() {
    }

    /** Copies the backup set of {@code env} (home {@code home}) into the empty directory {@code target}. */
    public static Copied copy(Environment env, Path home, Path target) throws IOException {
        long t0 = System.nanoTime();
        DbBackup backup = new DbBackup(env);
        backup.startBackup();
        long bytes = 0;
        String[] files;
        try {
            files = backup.getLogFilesInBackupSet();
            for (String name : files) {
                Path to = target.resolve(name);
                Files.copy(home.resolve(name), to);
                try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                bytes += Files.size(to);
            }
        } finally {
            backup.endBackup();
        }
        try (FileChannel dir = FileChannel.open(target, StandardOpenOption.READ)) {
            dir.force(true);
        }
        return new Copied(files.length, bytes, (System.nanoTime() - t0) / 1e9);
    }

    /** What one JE backup copied and how long it took. */
    public record Copied(int files, long bytes, double seconds) {
    }
}
