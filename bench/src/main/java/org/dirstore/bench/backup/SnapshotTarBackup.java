package org.dirstore.bench.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.dirstore.format.Tids;
import org.dirstore.io.FileIO;
import org.dirstore.snapshot.Snapshot;
import org.dirstore.snapshot.SnapshotFile;
import org.dirstore.store.Store;

/**
 * A stand-in for the product's backup writer (which is not on main yet): enters snapshot mode,
 * takes the store's own backup set, writes an uncompressed tar of it with a manifest (file list
 * with sizes and SHA-256) under a temporary name, forces it, renames it and leaves the snapshot.
 * Uses commons-compress for the tar format.
 */
public final class SnapshotTarBackup {
    private static final int BUFFER = 1 << 16;

    private SnapshotTarBackup() {
    }

    /** Writes a full backup ({@code afterTid} < 0) or an incremental one after {@code afterTid} into {@code archive}. */
    public static Outcome write(Store store, Path archive, long afterTid) throws IOException {
        long t0 = System.nanoTime();
        Snapshot.Holder holder = store.snapshots().enter("bench-backup", Duration.ofHours(1));
        double enterSeconds = (System.nanoTime() - t0) / 1e9;
        try {
            long upTo = store.snapshots().current().orElseThrow().tid();
            List<SnapshotFile> files = afterTid < 0
                    ? store.snapshots().fullBackupSet(holder.token())
                    : store.snapshots().incrementalBackupSet(holder.token(), afterTid);
            Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp");
            long payload = writeTar(tmp, files, store, afterTid, upTo);
            Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE);
            FileIO.forceDirectory(archive.getParent());
            store.snapshots().exit(holder.token());
            holder = null;
            return new Outcome(upTo, files.size(), payload, Files.size(archive), (System.nanoTime() - t0) / 1e9, enterSeconds);
        } finally {
            if (holder != null) {
                store.snapshots().exit(holder.token());
            }
        }
    }

    private static long writeTar(Path tmp, List<SnapshotFile> files, Store store, long afterTid, long upTo)
            throws IOException {
        MessageDigest sha = sha256();
        StringBuilder manifest = new StringBuilder();
        manifest.append("identity=").append(store.identity()).append('\n')
                .append("format=").append(store.formatVersion()).append('\n')
                .append("kind=").append(afterTid < 0 ? "full" : "incremental").append('\n')
                .append("after=").append(Tids.hex(Math.max(afterTid, 0))).append('\n')
                .append("upTo=").append(Tids.hex(upTo)).append('\n');
        byte[] buf = new byte[BUFFER];
        long payload = 0;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 20);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (SnapshotFile f : files) {
                TarArchiveEntry e = new TarArchiveEntry(f.relativePath());
                e.setSize(f.size());
                tar.putArchiveEntry(e);
                sha.reset();
                long n = 0;
                try (InputStream in = Files.newInputStream(f.file())) {
                    for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                        sha.update(buf, 0, r);
                        tar.write(buf, 0, r);
                        n += r;
                    }
                }
                if (n != f.size()) {
                    throw new IOException(f.file() + " changed size during the backup: " + f.size() + " -> " + n);
                }
                tar.closeArchiveEntry();
                payload += n;
                manifest.append(f.relativePath()).append(' ').append(n).append(' ')
                        .append(HexFormat.of().formatHex(sha.digest())).append('\n');
            }
            byte[] m = manifest.toString().getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry me = new TarArchiveEntry("MANIFEST");
            me.setSize(m.length);
            tar.putArchiveEntry(me);
            tar.write(m);
            tar.closeArchiveEntry();
            tar.finish();
            tar.flush();
            ch.force(true);
        }
        return payload;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * What one backup did.
     *
     * @param upTo         the snapshot tid it stands at
     * @param files        files archived (without the manifest)
     * @param payloadBytes bytes of the store's files archived
     * @param archiveBytes size of the archive
     * @param seconds      wall time from entering the snapshot to leaving it
     * @param enterSeconds of which waiting to enter snapshot mode (the flusher must first bring A up to the snapshot tid)
     */
    public record Outcome(long upTo, int files, long payloadBytes, long archiveBytes, double seconds, double enterSeconds) {
    }
}
