package org.dirstore.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.dirstore.format.Tids;

/**
 * Takes full and incremental backups of a {@link BackupSet} into a backup directory. An
 * incremental backup continues the newest backup of the same store in the directory whose chain is
 * complete; its tid range starts where that one ends.
 */
public final class SnapshotBackup {
    private final Path directory;
    private final BackupWriter writer;

    public SnapshotBackup(Path directory, Compression compression, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.writer = new BackupWriter(directory, compression, clock);
    }

    /** Writes a full backup of everything in {@code set}. */
    public BackupArchive full(BackupSet set, BackupProgress progress) throws IOException {
        return writer.write(BackupSource.full(set.storeId(), set.formatVersion(), set.tid(), set.allFiles()), progress);
    }

    /**
     * Writes an incremental backup of the transactions since the newest complete backup of the
     * store in the directory.
     *
     * @throws BackupException if there is no such backup, it is of another format version, it is
     *                         ahead of the snapshot (a restored or replaced store), or no
     *                         transaction was committed since it
     */
    public BackupArchive incremental(BackupSet set, BackupProgress progress) throws IOException {
        BackupCatalog catalog = BackupCatalog.scan(directory);
        BackupArchive parent = catalog.latest(set.storeId()).orElseThrow(() -> new BackupException(
                "no complete backup chain of store " + set.storeId() + " in " + directory + "; take a full backup first"));
        BackupManifest p = parent.manifest();
        if (p.formatVersion() != set.formatVersion()) {
            throw new BackupException("latest backup " + p.backupId() + " has format version " + p.formatVersion()
                    + " but the store has " + set.formatVersion() + "; take a full backup");
        }
        if (p.upToTid() > set.tid()) {
            throw new BackupException("latest backup " + p.backupId() + " reaches tid " + Tids.hex(p.upToTid())
                    + ", beyond the store's " + Tids.hex(set.tid()) + " (was the store restored?); take a full backup");
        }
        if (p.upToTid() == set.tid()) {
            throw new BackupException("nothing to back up: no transaction since backup " + p.backupId()
                    + " at tid " + Tids.hex(p.upToTid()));
        }
        return writer.write(BackupSource.incremental(p, set.tid(), set.filesAfter(p.upToTid())), progress);
    }
}
