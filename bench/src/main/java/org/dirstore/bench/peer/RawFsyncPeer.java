package org.dirstore.bench.peer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.LongAdder;

/**
 * The physical limit of one committer: each thread appends its record to its own file with a
 * {@link FileChannel} and forces it before the next one (no group commit).
 */
public final class RawFsyncPeer implements Peer {
    @Override
    public String name() {
        return "raw-fsync";
    }

    @Override
    public String durability() {
        return "per thread: `FileChannel.write` (append to its own file) + `force(false)` per record; no group commit";
    }

    @Override
    public Handle open(Path dir, int threads, int slots) throws IOException {
        FileChannel[] channels = new FileChannel[threads];
        try {
            for (int i = 0; i < threads; i++) {
                channels[i] = FileChannel.open(dir.resolve("log-" + i), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            Handle.closeAll(channels, e);
            throw e;
        }
        return new Handle(channels);
    }

    /** The open per-thread files. */
    public static final class Handle implements Subject {
        private final FileChannel[] channels;
        private final LongAdder forces = new LongAdder();

        Handle(FileChannel[] channels) {
            this.channels = channels;
        }

        @Override
        public void commit(int thread, int slot, byte[] value) throws IOException {
            FileChannel ch = channels[thread];
            ByteBuffer b = ByteBuffer.wrap(value);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
            forces.increment();
        }

        @Override
        public long forces() {
            return forces.sum();
        }

        @Override
        public long commits() {
            return forces.sum();
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (FileChannel ch : channels) {
                try {
                    ch.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }

        static void closeAll(FileChannel[] channels, Exception primary) {
            for (FileChannel ch : channels) {
                if (ch != null) {
                    try {
                        ch.close();
                    } catch (IOException e) {
                        primary.addSuppressed(e);
                    }
                }
            }
        }
    }
}
