package org.dirstore.backup;

import java.util.List;
import java.util.UUID;
import org.dirstore.format.Tids;

/**
 * A full backup followed by incrementals, each continuing the one before: same store, same format
 * version, parent id naming the predecessor, and contiguous tid ranges. Restoring a chain in
 * order yields the store at {@link #upToTid()}; with the engine's truncation, at any tid from
 * {@link #firstTid()} on.
 */
public record BackupChain(List<BackupArchive> backups) {

    /** Validates the chain; a broken one is an {@link IllegalArgumentException} naming the problem. */
    public BackupChain {
        backups = List.copyOf(backups);
        String problem = problem(backups);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Builds a chain, or throws a {@link BackupException} naming the first problem. */
    public static BackupChain of(List<BackupArchive> backups) throws BackupException {
        String problem = problem(backups);
        if (problem != null) {
            throw new BackupException(problem);
        }
        return new BackupChain(backups);
    }

    private static String problem(List<BackupArchive> backups) {
        if (backups.isEmpty()) {
            return "empty backup chain";
        }
        BackupManifest first = backups.get(0).manifest();
        if (first.kind() != BackupKind.FULL) {
            return backups.get(0).archive() + ": chain starts with incremental backup " + first.backupId()
                    + ", not with a full backup (missing parent " + first.parentId() + ")";
        }
        for (int i = 1; i < backups.size(); i++) {
            BackupArchive b = backups.get(i);
            BackupManifest m = b.manifest();
            BackupManifest prev = backups.get(i - 1).manifest();
            if (!m.storeId().equals(first.storeId())) {
                return b.archive() + ": backup " + m.backupId() + " is from a foreign store " + m.storeId()
                        + ", the chain is of store " + first.storeId();
            }
            if (m.kind() != BackupKind.INCREMENTAL) {
                return b.archive() + ": full backup " + m.backupId() + " cannot continue a chain";
            }
            if (m.formatVersion() != first.formatVersion()) {
                return b.archive() + ": backup " + m.backupId() + " has format version " + m.formatVersion()
                        + ", the chain starts with " + first.formatVersion();
            }
            if (m.afterTid() != prev.upToTid()) {
                return b.archive() + ": gap in chain: backup " + m.backupId() + " covers (" + Tids.hex(m.afterTid())
                        + ", " + Tids.hex(m.upToTid()) + "] but its predecessor " + prev.backupId() + " ends at "
                        + Tids.hex(prev.upToTid());
            }
            if (!m.parentId().equals(prev.backupId())) {
                return b.archive() + ": backup " + m.backupId() + " names parent " + m.parentId()
                        + " but follows " + prev.backupId();
            }
        }
        return null;
    }

    /** The full backup the chain starts with. */
    public BackupArchive full() {
        return backups.get(0);
    }

    /** The newest backup of the chain. */
    public BackupArchive last() {
        return backups.get(backups.size() - 1);
    }

    /** The store's identity. */
    public UUID storeId() {
        return full().manifest().storeId();
    }

    /** The earliest tid the chain can be restored to: the full backup's snapshot tid. */
    public long firstTid() {
        return full().manifest().upToTid();
    }

    /** The latest tid the chain can be restored to. */
    public long upToTid() {
        return last().manifest().upToTid();
    }

    /** Sum of the content bytes of all backups. */
    public long totalBytes() {
        return backups.stream().mapToLong(b -> b.manifest().totalBytes()).sum();
    }

    /** Number of store files in all backups. */
    public long totalFiles() {
        return backups.stream().mapToLong(b -> b.manifest().entries().size()).sum();
    }

    /**
     * The shortest prefix of this chain whose range reaches {@code tid}.
     *
     * @throws BackupException if {@code tid} is before {@link #firstTid()} or after {@link #upToTid()}
     */
    public BackupChain prefixCovering(long tid) throws BackupException {
        if (tid < firstTid()) {
            throw new BackupException("tid " + Tids.hex(tid) + " (" + Tids.toInstant(tid) + ") is before the chain's full backup "
                    + full().id() + " at " + Tids.hex(firstTid()) + " (" + Tids.toInstant(firstTid()) + ")");
        }
        if (tid > upToTid()) {
            throw new BackupException("tid " + Tids.hex(tid) + " (" + Tids.toInstant(tid) + ") is after the chain's end "
                    + last().id() + " at " + Tids.hex(upToTid()) + " (" + Tids.toInstant(upToTid()) + ")");
        }
        for (int i = 0; i < backups.size(); i++) {
            if (backups.get(i).manifest().upToTid() >= tid) {
                return new BackupChain(backups.subList(0, i + 1));
            }
        }
        throw new IllegalStateException("unreachable: tid within range but no backup covers it");
    }
}
