package org.dirstore.backup;

import java.nio.file.Path;

/**
 * A complete backup in a directory: its archive, its sidecar manifest and the manifest itself.
 */
public record BackupArchive(Path archive, Path sidecar, BackupManifest manifest) {
    /** The backup id. */
    public String id() {
        return manifest.backupId();
    }
}
