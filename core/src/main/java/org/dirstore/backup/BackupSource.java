package org.dirstore.backup;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What to put into one backup: the store's identity and tid range, and the files that make up the
 * backup set, in archive order. The engine builds it inside a snapshot (the files must not change
 * while the backup is written).
 *
 * @param storeId       identity of the store
 * @param formatVersion the store's on-disk format version
 * @param kind          full or incremental
 * @param afterTid      0 for a full backup; the parent's upToTid for an incremental one
 * @param upToTid       the snapshot tid
 * @param parentId      the parent backup's id; null for a full backup
 * @param files         the files, each with its '/'-separated path relative to the store home
 */
public record BackupSource(UUID storeId, int formatVersion, BackupKind kind, long afterTid, long upToTid,
                           String parentId, List<SourceFile> files) {

    /** One file of the backup set. */
    public record SourceFile(String path, Path file) {
        public SourceFile {
            EntryPaths.require(path);
            if (path.equals(EntryPaths.MANIFEST_ENTRY)) {
                throw new IllegalArgumentException("store file may not be named " + EntryPaths.MANIFEST_ENTRY);
            }
            Objects.requireNonNull(file, "file");
        }
    }

    public BackupSource {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(kind, "kind");
        files = List.copyOf(files);
        Set<String> seen = new HashSet<>();
        for (SourceFile f : files) {
            if (!seen.add(f.path())) {
                throw new IllegalArgumentException("file listed twice: " + f.path());
            }
        }
    }

    /** A full backup of {@code files} at {@code upToTid}. */
    public static BackupSource full(UUID storeId, int formatVersion, long upToTid, List<SourceFile> files) {
        return new BackupSource(storeId, formatVersion, BackupKind.FULL, 0, upToTid, null, files);
    }

    /** An incremental backup continuing {@code parent}, up to {@code upToTid}. */
    public static BackupSource incremental(BackupManifest parent, long upToTid, List<SourceFile> files) {
        return new BackupSource(parent.storeId(), parent.formatVersion(), BackupKind.INCREMENTAL,
                parent.upToTid(), upToTid, parent.backupId(), files);
    }
}
