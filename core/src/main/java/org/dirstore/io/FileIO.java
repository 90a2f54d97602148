package org.dirstore.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How the store opens the files it writes. The default opens real files; tests wrap it to inject
 * I/O failures (a full disk) at the file layer.
 */
@FunctionalInterface
public interface FileIO {
    FileIO DEFAULT = FileChannel::open;

    FileChannel open(Path path, OpenOption... options) throws IOException;

    /** Makes the directory entry of files created or renamed in {@code dir} durable. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Writes {@code bytes} to a new or truncated file, fully, without forcing it. */
    default void writeFile(Path file, byte[] bytes) throws IOException {
        write(file, bytes, false);
    }

    /** Forces a file written earlier (its data and metadata) to disk. */
    default void force(Path file) throws IOException {
        try (FileChannel ch = open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Writes {@code bytes} to {@code file} and forces them to disk before returning. */
    default void writeFileDurably(Path file, byte[] bytes) throws IOException {
        write(file, bytes, true);
    }

    private void write(Path file, byte[] bytes, boolean force) throws IOException {
        try (FileChannel ch = open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (force) {
                ch.force(true);
            }
        }
    }
}
