package org.dirstore.backup;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.dirstore.format.Tids;

/**
 * Restores a backup chain into a new store directory, atomically.
 *
 * <p>Order of work: check the target (it must not exist or be an empty directory), choose the
 * shortest prefix of the chain that reaches the requested tid, verify that whole prefix
 * ({@link BackupVerifier}), and only then extract it, archive by archive, into a sibling directory
 * named {@code .<target>.restore-<nonce>.partial}, checking every checksum again while writing.
 * If the requested tid lies inside the last archive's range, the engine's {@link StoreTruncation}
 * cuts the extracted store back to it. Every file and directory is fsynced, the directory is
 * renamed onto the target and the parent fsynced. On any failure the temporary directory is
 * removed and the target is left as it was.
 */
public final class BackupRestorer {
    /** fsyncs issued at once: concurrent fsyncs let the file system commit them in groups. */
    private static final int SYNC_THREADS = 8;

    private final StoreTruncation truncation;

    /** @param truncation the engine's offline truncation, used for point-in-time restores */
    public BackupRestorer(StoreTruncation truncation) {
        this.truncation = Objects.requireNonNull(truncation, "truncation");
    }

    /**
     * A restorer without the engine's truncation: it restores to the end of a chain or to any
     * backup's {@code upToTid}, and refuses (before reading anything) a tid inside a backup's range.
     */
    public BackupRestorer() {
        this.truncation = null;
    }

    /**
     * Restores {@code chain} into {@code target}, up to {@code stopAtTid} if present (else to the
     * chain's end).
     *
     * @throws BackupException if the target is unusable, the tid is outside the chain, or any
     *                         archive fails verification; nothing is written then
     */
    public RestoreResult restore(BackupChain chain, Path target, OptionalLong stopAtTid, BackupProgress progress)
            throws IOException {
        Path home = target.toAbsolutePath().normalize();
        checkTarget(home);
        BackupChain prefix = stopAtTid.isPresent() ? chain.prefixCovering(stopAtTid.getAsLong()) : chain;
        long tid = stopAtTid.orElse(chain.upToTid());
        boolean truncate = tid < prefix.upToTid();
        if (truncate && truncation == null) {
            BackupArchive last = prefix.last();
            throw new BackupException("tid " + Tids.hex(tid) + " lies inside backup " + last.id() + " ("
                    + Tids.hex(last.manifest().afterTid()) + ", " + Tids.hex(last.manifest().upToTid())
                    + "]; stopping there needs the engine's truncation (Store.truncateAfter), which this restore lacks;"
                    + " choose a backup's up-to tid");
        }
        BackupVerifier.verify(prefix, progress);

        Path parent = home.getParent();
        if (parent == null) {
            throw new BackupException("restore target " + home + " has no parent directory");
        }
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + home.getFileName() + ".restore-" + UUID.randomUUID().toString().substring(0, 8)
                + ArchiveNames.PARTIAL_SUFFIX);
        Files.createDirectory(temp);
        try {
            ProgressCounter counter = new ProgressCounter(progress, prefix.totalBytes(), prefix.totalFiles());
            ExtractingSink sink = new ExtractingSink(temp);
            List<String> ids = new ArrayList<>();
            for (BackupArchive backup : prefix.backups()) {
                ArchiveReader.read(backup.archive(), backup.manifest(), sink, counter);
                ids.add(backup.id());
            }
            FileTrees.syncFiles(sink.written, SYNC_THREADS);
            if (truncate) {
                truncation.truncateAfter(temp, tid);
            }
            FileTrees.syncDirectories(temp);
            checkTarget(home);
            Durability.atomicRename(temp, home);
            Durability.syncDirectory(parent);
            return new RestoreResult(home, tid, ids, truncate, prefix.totalFiles(), prefix.totalBytes());
        } catch (IOException | RuntimeException e) {
            try {
                FileTrees.deleteRecursively(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void checkTarget(Path home) throws IOException {
        if (!Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            throw new BackupException("restore target " + home + " exists and is not a directory");
        }
        if (!FileTrees.isEmptyDirectory(home)) {
            throw new BackupException("restore target " + home + " is not empty");
        }
    }

    /** Writes each entry to its file under the temporary directory and remembers it for the fsync. */
    private static final class ExtractingSink implements ArchiveReader.EntrySink {
        private final Path root;
        private final Set<Path> written = new LinkedHashSet<>();

        ExtractingSink(Path root) {
            this.root = root;
        }

        @Override
        public OutputStream open(ManifestEntry entry) throws IOException {
            Path file = EntryPaths.resolve(root, entry.path());
            Path dir = file.getParent();
            if (!dir.equals(root)) {
                Files.createDirectories(dir);
            }
            if (Files.isSymbolicLink(file) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new BackupException("entry '" + entry.path() + "' would replace a link or directory");
            }
            return new FileOutputStream(file.toFile());
        }

        @Override
        public void completed(ManifestEntry entry, OutputStream out) {
            written.add(EntryPaths.resolve(root, entry.path()));
        }
    }
}
