package org.dirstore.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.dirstore.format.Tids;
import org.dirstore.io.FileIO;

/**
 * The index checkpoint: the whole oid -> current revision map as of one tid, so that opening a
 * store reads one file instead of scanning A. Written under a temporary name, forced and renamed.
 */
public final class IndexCheckpoint {
    static final int MAGIC = 0x44534958; // "DSIX"
    static final int VERSION = 1;
    private static final String PREFIX = "checkpoint-";
    private static final String SUFFIX = ".idx";

    private IndexCheckpoint() {
    }

    /** Writes {@code copy} into {@code dir} and removes older checkpoints. */
    public static Path write(Path dir, ObjectIndex.Copy copy) throws IOException {
        Path tmp = dir.resolve(PREFIX + Tids.hex(copy.tid()) + SUFFIX + ".tmp");
        Path target = dir.resolve(PREFIX + Tids.hex(copy.tid()) + SUFFIX);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            CRC32C crc = new CRC32C();
            OutputStream raw = Channels.newOutputStream(ch);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc), 1 << 16));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(copy.tid());
            out.writeLong(copy.oids().length);
            for (int i = 0; i < copy.oids().length; i++) {
                out.writeLong(copy.oids()[i]);
                out.writeLong(copy.entries()[i]);
            }
            out.flush();
            new DataOutputStream(raw).writeInt((int) crc.getValue());
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        FileIO.forceDirectory(dir);
        for (Path old : list(dir)) {
            if (!old.equals(target)) {
                Files.deleteIfExists(old);
            }
        }
        return target;
    }

    /**
     * Loads the newest checkpoint that reads back whole into {@code index}; a damaged one is skipped
     * (the caller then replays more transaction files). Returns its tid, if any was loaded.
     */
    public static Optional<Long> loadNewest(Path dir, ObjectIndex index, List<String> notes) throws IOException {
        List<Path> all = list(dir);
        all.sort(Comparator.comparing(Path::toString).reversed());
        for (Path p : all) {
            ObjectIndex.Copy c = read(p, notes);
            if (c != null) {
                for (int i = 0; i < c.oids().length; i++) {
                    index.load(c.oids()[i], c.entries()[i]);
                }
                index.advanceLastTid(c.tid());
                return Optional.of(c.tid());
            }
        }
        return Optional.empty();
    }

    private static ObjectIndex.Copy read(Path p, List<String> notes) throws IOException {
        CRC32C crc = new CRC32C();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(p), 1 << 16)) {
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                notes.add("ignored index checkpoint " + p + ": bad magic or version");
                return null;
            }
            long tid = in.readLong();
            long n = in.readLong();
            if (n < 0 || n > Integer.MAX_VALUE - 8 || n * 16 > Files.size(p)) {
                notes.add("ignored index checkpoint " + p + ": impossible entry count " + n);
                return null;
            }
            long[] oids = new long[(int) n];
            long[] entries = new long[(int) n];
            for (int i = 0; i < n; i++) {
                oids[i] = in.readLong();
                entries[i] = in.readLong();
            }
            int expected = (int) crc.getValue();
            int stored = new DataInputStream(raw).readInt();
            if (stored != expected) {
                notes.add("ignored index checkpoint " + p + ": CRC32C mismatch");
                return null;
            }
            return new ObjectIndex.Copy(tid, oids, entries);
        } catch (EOFException e) {
            notes.add("ignored index checkpoint " + p + ": truncated");
            return null;
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            ds.forEach(out::add);
        }
        return out;
    }
}
