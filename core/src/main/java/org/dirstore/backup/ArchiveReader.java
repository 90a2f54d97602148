package org.dirstore.backup;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a backup archive strictly: the first entry must be the manifest, every other entry must be
 * a regular file with an acceptable path and must match the manifest's next entry in path, size
 * and SHA-256, and the archive must hold exactly the manifest's entries. Links, directories and
 * other entry types are refused. Content is streamed to an {@link EntrySink} while it is checked.
 */
final class ArchiveReader {
    private static final int BUFFER = 1 << 16;
    private static final long PROGRESS_STEP = 1 << 20;

    /** Where the content of each checked entry goes. */
    interface EntrySink {
        /** Opens the destination for an entry, or returns null to discard its content. */
        OutputStream open(ManifestEntry entry) throws IOException;

        /** Called after an entry's content was written and matched the manifest. */
        void completed(ManifestEntry entry, OutputStream out) throws IOException;
    }

    /** A sink that discards content (verification only). */
    static final EntrySink DISCARD = new EntrySink() {
        @Override
        public OutputStream open(ManifestEntry entry) {
            return null;
        }

        @Override
        public void completed(ManifestEntry entry, OutputStream out) {
        }
    };

    private ArchiveReader() {
    }

    /** Reads only the manifest entry at the start of an archive. */
    static BackupManifest readManifest(Path archive) throws BackupException {
        try (TarArchiveInputStream tar = open(archive)) {
            return manifestEntry(archive, tar);
        } catch (BackupException e) {
            throw e;
        } catch (IOException e) {
            throw damaged(archive, e);
        }
    }

    /**
     * Reads a whole archive, checking it against {@code expected} (the sidecar or catalog manifest,
     * which must equal the manifest inside the archive) and passing each entry's content to
     * {@code sink}, and counting progress in {@code progress}.
     *
     * @return the manifest found in the archive
     */
    static BackupManifest read(Path archive, BackupManifest expected, EntrySink sink, ProgressCounter progress)
            throws BackupException {
        try (TarArchiveInputStream tar = open(archive)) {
            BackupManifest manifest = manifestEntry(archive, tar);
            if (expected != null && !expected.equals(manifest)) {
                throw new BackupException(archive + ": manifest inside the archive differs from its sidecar manifest ("
                        + manifest.backupId() + " vs " + expected.backupId() + ")");
            }
            List<ManifestEntry> entries = manifest.entries();
            byte[] buffer = new byte[BUFFER];
            MessageDigest digest = Sha256.newDigest();
            int index = 0;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                checkEntryType(archive, entry);
                String problem = EntryPaths.problem(name);
                if (problem != null) {
                    throw new BackupException(archive + ": refused entry '" + EntryPaths.printable(name) + "': " + problem);
                }
                if (index >= entries.size()) {
                    throw new BackupException(archive + ": entry '" + name + "' is not in the manifest");
                }
                ManifestEntry want = entries.get(index);
                if (!want.path().equals(name)) {
                    throw new BackupException(archive + ": entry '" + name + "' found where the manifest expects '"
                            + want.path() + "'");
                }
                if (entry.getSize() != want.size()) {
                    throw new BackupException(archive + ": entry '" + name + "' has size " + entry.getSize()
                            + ", manifest says " + want.size());
                }
                digest.reset();
                long copied = 0;
                long nextReport = PROGRESS_STEP;
                OutputStream out = sink.open(want);
                try {
                    int n;
                    while ((n = tar.read(buffer)) >= 0) {
                        digest.update(buffer, 0, n);
                        if (out != null) {
                            out.write(buffer, 0, n);
                        }
                        copied += n;
                        if (copied >= nextReport) {
                            progress.partial(copied);
                            nextReport += PROGRESS_STEP;
                        }
                    }
                    if (copied != want.size()) {
                        throw new BackupException(archive + ": entry '" + name + "' is truncated (" + copied + " of "
                                + want.size() + " bytes)");
                    }
                    String sha = HexFormat.of().formatHex(digest.digest());
                    if (!sha.equals(want.sha256())) {
                        throw new BackupException(archive + ": checksum mismatch for '" + name + "' (SHA-256 " + sha
                                + ", manifest says " + want.sha256() + ")");
                    }
                    sink.completed(want, out);
                } finally {
                    if (out != null) {
                        out.close();
                    }
                }
                progress.fileDone(copied);
                index++;
            }
            if (index < entries.size()) {
                throw new BackupException(archive + ": archive lacks " + (entries.size() - index)
                        + " entries of the manifest, first missing '" + entries.get(index).path() + "'");
            }
            return manifest;
        } catch (BackupException e) {
            throw e;
        } catch (IOException e) {
            throw damaged(archive, e);
        }
    }

    private static void checkEntryType(Path archive, TarArchiveEntry entry) throws BackupException {
        String name = EntryPaths.printable(entry.getName());
        if (entry.isSymbolicLink() || entry.isLink()) {
            throw new BackupException(archive + ": refused entry '" + name + "': link entries (to '"
                    + EntryPaths.printable(entry.getLinkName()) + "') are not allowed in a backup");
        }
        if (!entry.isFile() || entry.isDirectory()) {
            throw new BackupException(archive + ": refused entry '" + name + "': only regular files are allowed in a backup");
        }
    }

    private static BackupManifest manifestEntry(Path archive, TarArchiveInputStream tar) throws IOException {
        TarArchiveEntry first = tar.getNextEntry();
        if (first == null) {
            throw new BackupException(archive + ": empty archive, no " + EntryPaths.MANIFEST_ENTRY);
        }
        if (!EntryPaths.MANIFEST_ENTRY.equals(first.getName()) || !first.isFile()) {
            throw new BackupException(archive + ": first entry is '" + EntryPaths.printable(first.getName())
                    + "', not " + EntryPaths.MANIFEST_ENTRY + " (not a DirStore backup?)");
        }
        if (first.getSize() > BackupManifest.MAX_TEXT_BYTES) {
            throw new BackupException(archive + ": manifest entry of " + first.getSize() + " bytes is implausibly large");
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream((int) first.getSize());
        tar.transferTo(text);
        return BackupManifest.parse(text.toString(StandardCharsets.UTF_8), archive + " (" + EntryPaths.MANIFEST_ENTRY + ")");
    }

    private static TarArchiveInputStream open(Path archive) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(archive), BUFFER);
        try {
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            InputStream data = b1 == 0x1f && b2 == 0x8b
                    ? GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get()
                    : in;
            return new TarArchiveInputStream(data, "UTF-8");
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static BackupException damaged(Path archive, IOException e) {
        return new BackupException(archive + ": archive is damaged or truncated (" + e.getMessage() + ")", e);
    }
}
