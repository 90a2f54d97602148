package org.dirstore.backup;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a backup chain without restoring it: the chain's structure (one store, full first,
 * contiguous tid ranges, parent ids), and for every archive that it exists, that its inner manifest
 * equals the catalog's, that it holds exactly the manifest's entries, all regular files with safe
 * paths, and that every entry's size and SHA-256 match.
 */
public final class BackupVerifier {
    private BackupVerifier() {
    }

    /**
     * Verifies every archive of {@code chain}, reading each once.
     *
     * @throws BackupException naming the archive and the first problem found
     */
    public static VerifyResult verify(BackupChain chain, BackupProgress progress) throws BackupException {
        ProgressCounter counter = new ProgressCounter(progress, chain.totalBytes(), chain.totalFiles());
        List<String> ids = new ArrayList<>();
        for (BackupArchive backup : chain.backups()) {
            if (!Files.isRegularFile(backup.archive())) {
                throw new BackupException(backup.archive() + ": archive of backup " + backup.id() + " is missing");
            }
            ArchiveReader.read(backup.archive(), backup.manifest(), ArchiveReader.DISCARD, counter);
            ids.add(backup.id());
        }
        return new VerifyResult(ids, chain.totalFiles(), chain.totalBytes());
    }
}
