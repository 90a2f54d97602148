package org.dirstore.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.dirstore.io.FileIO;

/**
 * Real files, with writes and forces failing like a full disk ("No space left on device") for the
 * paths a predicate selects while {@link #failing} is set. Bytes may be partly written first, as a
 * real ENOSPC can leave them.
 */
public final class FaultyFileIO implements FileIO {
    private volatile Predicate<Path> failing = p -> false;

    public void failWritesTo(Predicate<Path> which) {
        failing = which;
    }

    public void heal() {
        failing = p -> false;
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        if (failing.test(path)) {
            throw new IOException("No space left on device: " + path);
        }
        return new Channel(FileChannel.open(path, options), path);
    }

    private final class Channel extends FileChannel {
        private final FileChannel d;
        private final Path path;

        Channel(FileChannel d, Path path) {
            this.d = d;
            this.path = path;
        }

        private void check(ByteBuffer src) throws IOException {
            if (failing.test(path)) {
                if (src != null && src.remaining() > 1) {
                    ByteBuffer half = src.duplicate();
                    half.limit(half.position() + half.remaining() / 2);
                    d.write(half);
                }
                throw new IOException("No space left on device");
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return d.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return d.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            check(src);
            return d.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            check(null);
            return d.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return d.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            d.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return d.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            d.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            check(null);
            d.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return d.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            check(null);
            return d.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return d.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            check(src);
            return d.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return d.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return d.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return d.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            d.close();
        }
    }
}
