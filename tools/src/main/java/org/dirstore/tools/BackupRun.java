package org.dirstore.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.dirstore.backup.BackupArchive;
import org.dirstore.backup.BackupKind;
import org.dirstore.backup.BackupManifest;
import org.dirstore.backup.BackupProgress;
import org.dirstore.backup.Compression;
import org.dirstore.backup.SnapshotBackup;
import org.dirstore.backup.StoreBackupSet;
import org.dirstore.format.Tids;
import org.dirstore.store.Store;

/** One hot backup of an open store: snapshot, write, release; and the line that reports it. */
final class BackupRun {
    private BackupRun() {
    }

    /** Takes a backup of {@code kind} of {@code store} into {@code dir} inside a snapshot held for it. */
    static BackupArchive take(Store store, Path dir, BackupKind kind, Compression compression, Duration lease,
                              BackupProgress progress) throws IOException {
        Files.createDirectories(dir);
        SnapshotBackup backups = new SnapshotBackup(dir, compression, Clock.systemUTC());
        try (StoreBackupSet set = StoreBackupSet.enter(store, "dirstore backup " + kind.token(), lease)) {
            return kind == BackupKind.FULL ? backups.full(set, progress) : backups.incremental(set, progress);
        }
    }

    /** e.g. "incremental backup 3f2a9c1b-...-incr: tids (a, b], 120 files, 1.2 MiB in 0.8 MiB archive, 0.4 s". */
    static String describe(BackupArchive backup, double seconds) throws IOException {
        BackupManifest m = backup.manifest();
        return String.format(Locale.ROOT, "%s backup %s: tids (%s, %s] up to %s, %d files, %s in a %s archive, %.2f s",
                m.kind().token(), m.backupId(), Tids.hex(m.afterTid()), Tids.hex(m.upToTid()), Tids.toInstant(m.upToTid()),
                m.entries().size(), ProgressBar.size(m.totalBytes()), ProgressBar.size(Files.size(backup.archive())), seconds);
    }
}
