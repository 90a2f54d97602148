package org.dirstore.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished restore.
 *
 * @param home      the restored store's directory
 * @param tid       the tid the store stands at (the chain's end, or the requested point in time)
 * @param backupIds the backups extracted, in order
 * @param truncated whether the engine's truncation cut the last backup back to {@code tid}
 * @param files     store files written
 * @param bytes     content bytes written
 */
public record RestoreResult(Path home, long tid, List<String> backupIds, boolean truncated, long files, long bytes) {
    public RestoreResult {
        backupIds = List.copyOf(backupIds);
    }
}
