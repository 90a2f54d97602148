package org.dirstore.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.dirstore.backup.BackupArchive;
import org.dirstore.backup.BackupProgress;
import org.dirstore.backup.BackupSource;
import org.dirstore.backup.BackupWriter;
import org.dirstore.backup.Compression;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;

/**
 * Test helper: a full backup of a closed store made of every file of its home but the lock (a
 * closed store does not change, so this is consistent). Stands in for the engine's snapshot-based
 * backup set in CLI tests of backups, verify and restore.
 */
final class OfflineBackup {
    private OfflineBackup() {
    }

    static BackupArchive full(Path home, Path dir) throws IOException {
        java.util.UUID id;
        int format;
        long lastTid;
        try (Store store = Store.open(home, StoreOptions.defaults())) {
            store.awaitFlushed();
            id = store.identity();
            format = store.formatVersion();
            lastTid = store.lastTid();
        }
        List<BackupSource.SourceFile> files;
        try (Stream<Path> walk = Files.walk(home)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !home.relativize(p).toString().equals("lock"))
                    .sorted()
                    .map(p -> new BackupSource.SourceFile(home.relativize(p).toString().replace('\\', '/'), p))
                    .toList();
        }
        return new BackupWriter(dir, Compression.GZIP, Clock.systemUTC())
                .write(BackupSource.full(id, format, lastTid, files), BackupProgress.NONE);
    }
}
