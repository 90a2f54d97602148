package org.dirstore.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes one backup archive and its sidecar manifest into a backup directory.
 *
 * <p>The archive is a POSIX tar (optionally gzip-compressed) whose first entry is the manifest.
 * Each source file is read once: it is copied into the archive while its SHA-256 is computed.
 * The manifest's room at the start of the archive is reserved before the copy (its length does
 * not depend on the checksums) and filled in afterwards. Everything is written under
 * {@code *.partial} names, fsynced, renamed (sidecar first, archive last: the archive's rename is
 * the commit point) and the directory fsynced. A crash leaves only {@code .partial} files or a
 * sidecar without archive, neither of which counts as a backup.
 */
public final class BackupWriter {
    private static final String ZERO_SHA256 = "0".repeat(64);
    private static final int BUFFER = 1 << 16;
    private static final long PROGRESS_STEP = 1 << 20;

    private final Path directory;
    private final Compression compression;
    private final Clock clock;

    /**
     * @param directory   the backup directory (must exist)
     * @param compression how to compress the archive
     * @param clock       source of the manifest's creation time
     */
    public BackupWriter(Path directory, Compression compression, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.compression = Objects.requireNonNull(compression, "compression");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A writer with gzip compression and the system clock. */
    public BackupWriter(Path directory) {
        this(directory, Compression.GZIP, Clock.systemUTC());
    }

    /**
     * Writes the backup described by {@code source}.
     *
     * @return the complete backup
     * @throws BackupException if the directory is unusable, the backup exists already, or a source
     *                         file is missing, not a regular file or changes while it is copied
     */
    public BackupArchive write(BackupSource source, BackupProgress progress) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new BackupException("backup directory " + directory + " does not exist or is not a directory");
        }
        String id = ArchiveNames.backupId(source.storeId(), source.upToTid(), source.kind());
        Path archive = directory.resolve(ArchiveNames.archiveName(id, compression));
        Path sidecar = directory.resolve(ArchiveNames.sidecarName(id));
        for (Compression c : Compression.values()) {
            if (Files.exists(directory.resolve(ArchiveNames.archiveName(id, c)), LinkOption.NOFOLLOW_LINKS)) {
                throw new BackupException("backup " + id + " already exists in " + directory);
            }
        }
        // a sidecar without an archive is left by a crash between the two renames: the rename below replaces it
        List<ManifestEntry> placeholders = new ArrayList<>(source.files().size());
        List<BasicFileAttributes> attributes = new ArrayList<>(source.files().size());
        for (BackupSource.SourceFile f : source.files()) {
            BasicFileAttributes attrs = sourceAttributes(f);
            attributes.add(attrs);
            placeholders.add(new ManifestEntry(f.path(), attrs.size(), ZERO_SHA256));
        }
        BackupManifest draft = new BackupManifest(id, source.storeId(), source.formatVersion(), source.kind(),
                source.afterTid(), source.upToTid(), source.parentId(), Instant.now(clock), compression, placeholders);

        String nonce = UUID.randomUUID().toString().substring(0, 8);
        Path archiveTmp = directory.resolve(archive.getFileName() + "." + nonce + ArchiveNames.PARTIAL_SUFFIX);
        Path sidecarTmp = directory.resolve(sidecar.getFileName() + "." + nonce + ArchiveNames.PARTIAL_SUFFIX);
        byte[] draftText = draft.toBytes();
        if (draftText.length > BackupManifest.MAX_TEXT_BYTES) {
            throw new BackupException("backup of " + source.files().size() + " files needs a manifest of "
                    + draftText.length + " bytes, more than the " + BackupManifest.MAX_TEXT_BYTES + " this version supports");
        }
        try {
            byte[] draftHead = archiveHead(draft);
            List<ManifestEntry> entries = writeBody(archiveTmp, draftHead.length, source, attributes,
                    draft.totalBytes(), progress);
            BackupManifest manifest = draft.withEntries(entries);
            byte[] head = archiveHead(manifest);
            if (head.length != draftHead.length) {
                throw new IllegalStateException("manifest length changed from " + draftHead.length + " to " + head.length);
            }
            try (FileChannel ch = FileChannel.open(archiveTmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(head);
                while (buf.hasRemaining()) {
                    ch.write(buf, buf.position());
                }
                ch.force(true);
            }
            Files.write(sidecarTmp, manifest.toBytes(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Durability.syncFile(sidecarTmp);
            Durability.atomicRename(sidecarTmp, sidecar);
            Durability.atomicRename(archiveTmp, archive);
            Durability.syncDirectory(directory);
            return new BackupArchive(archive, sidecar, manifest);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(archiveTmp, e);
            deleteQuietly(sidecarTmp, e);
            throw e;
        }
    }

    private static BasicFileAttributes sourceAttributes(BackupSource.SourceFile f) throws BackupException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(f.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) {
                throw new BackupException("source " + f.file() + " (" + f.path() + ") is not a regular file");
            }
            return attrs;
        } catch (NoSuchFileException e) {
            throw new BackupException("source " + f.file() + " (" + f.path() + ") does not exist", e);
        } catch (BackupException e) {
            throw e;
        } catch (IOException e) {
            throw new BackupException("cannot read attributes of " + f.file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The bytes at the start of the archive: the manifest's tar header and padded content, as a
     * stored gzip member when compressed. Its length depends on the manifest's length only.
     */
    private byte[] archiveHead(BackupManifest manifest) {
        byte[] text = manifest.toBytes();
        TarArchiveEntry entry = new TarArchiveEntry(EntryPaths.MANIFEST_ENTRY);
        entry.setSize(text.length);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE);
        entry.setModTime(manifest.created().toEpochMilli());
        int padded = (text.length + TarConstants.DEFAULT_RCDSIZE - 1) / TarConstants.DEFAULT_RCDSIZE
                * TarConstants.DEFAULT_RCDSIZE;
        byte[] tar = new byte[TarConstants.DEFAULT_RCDSIZE + padded];
        entry.writeEntryHeader(tar);
        System.arraycopy(text, 0, tar, TarConstants.DEFAULT_RCDSIZE, text.length);
        return compression == Compression.GZIP ? StoredGzipMember.encode(tar) : tar;
    }

    /** Writes every source file after {@code headLength} reserved bytes; returns the real entries. */
    private List<ManifestEntry> writeBody(Path archiveTmp, int headLength, BackupSource source,
                                          List<BasicFileAttributes> attributes, long totalBytes,
                                          BackupProgress progress) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>(source.files().size());
        long filesTotal = source.files().size();
        long done = 0;
        byte[] buffer = new byte[BUFFER];
        MessageDigest digest = Sha256.newDigest();
        try (FileChannel channel = FileChannel.open(archiveTmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.position(headLength);
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                    bodyStream(Channels.newOutputStream(channel)), TarConstants.DEFAULT_RCDSIZE, "UTF-8")) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (int i = 0; i < source.files().size(); i++) {
                    BackupSource.SourceFile f = source.files().get(i);
                    long size = attributes.get(i).size();
                    TarArchiveEntry entry = new TarArchiveEntry(f.path());
                    entry.setSize(size);
                    entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE);
                    entry.setModTime(attributes.get(i).lastModifiedTime());
                    tar.putArchiveEntry(entry);
                    digest.reset();
                    long copied = 0;
                    long nextReport = PROGRESS_STEP;
                    try (InputStream in = Files.newInputStream(f.file(), LinkOption.NOFOLLOW_LINKS)) {
                        while (copied < size) {
                            int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied));
                            if (n < 0) {
                                throw new BackupException("source " + f.file() + " shrank while being backed up (expected "
                                        + size + " bytes, read " + copied + ")");
                            }
                            digest.update(buffer, 0, n);
                            tar.write(buffer, 0, n);
                            copied += n;
                            if (copied >= nextReport) {
                                progress.progress(done + copied, totalBytes, i, filesTotal);
                                nextReport += PROGRESS_STEP;
                            }
                        }
                        if (in.read() >= 0) {
                            throw new BackupException("source " + f.file() + " grew while being backed up (expected "
                                    + size + " bytes)");
                        }
                    }
                    tar.closeArchiveEntry();
                    done += size;
                    entries.add(new ManifestEntry(f.path(), size, HexFormat.of().formatHex(digest.digest())));
                    progress.progress(done, totalBytes, i + 1, filesTotal);
                }
                tar.finish();
            }
        }
        return entries;
    }

    private OutputStream bodyStream(OutputStream raw) throws IOException {
        OutputStream buffered = new BufferedOutputStream(raw, BUFFER);
        return compression == Compression.GZIP ? new GZIPOutputStream(buffered, BUFFER) : buffered;
    }

    private static void deleteQuietly(Path file, Exception primary) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
