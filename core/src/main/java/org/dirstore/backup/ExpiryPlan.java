package org.dirstore.backup;

import java.util.List;

/**
 * The outcome of applying a {@link RetentionPolicy} to a catalog.
 *
 * @param keep   backups that stay, oldest first
 * @param delete backups to remove, newest first (so an interrupted expiry never leaves a backup
 *               whose parent is gone while it is still there)
 */
public record ExpiryPlan(List<BackupArchive> keep, List<BackupArchive> delete) {
    public ExpiryPlan {
        keep = List.copyOf(keep);
        delete = List.copyOf(delete);
    }
}
