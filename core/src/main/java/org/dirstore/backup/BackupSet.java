package org.dirstore.backup;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * The engine's side of a backup: a held snapshot of a store that lists the files making it up
 * (as DirectoryStorage and Berkeley DB's DbBackup do: no directory walk, no mtimes). While it is
 * open, the listed files do not change. Closing it releases the snapshot.
 */
public interface BackupSet extends AutoCloseable {
    /** The store's identity. */
    UUID storeId();

    /** The store's on-disk format version. */
    int formatVersion();

    /** The snapshot tid S: the listed files hold exactly the transactions up to S. */
    long tid();

    /** Every file of the store at S, in archive order, with paths relative to the store home. */
    List<BackupSource.SourceFile> allFiles() throws IOException;

    /**
     * The revision and transaction files of the transactions in (afterTid, S], found from the
     * transaction files. Throws if the history after {@code afterTid} is no longer complete
     * (packed away), in which case a full backup is needed.
     */
    List<BackupSource.SourceFile> filesAfter(long afterTid) throws IOException;

    @Override
    void close() throws IOException;
}
