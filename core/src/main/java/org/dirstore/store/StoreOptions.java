package org.dirstore.store;

import java.time.Duration;
import org.dirstore.io.FileIO;

/**
 * How a store is opened and run. {@link #defaults()} is durable (fsync on every commit group) and
 * suits production; the withers change one setting each.
 *
 * @param createIfMissing   create the store if HOME holds none (HOME must then be absent or empty)
 * @param fsync             force the journal before acknowledging a commit (off only for tests and benchmarks)
 * @param segmentBytes      size after which the journal starts a new segment
 * @param maxBacklogBytes   committed data not yet flushed into A beyond which commits wait (backpressure)
 * @param lockTimeout       how long a commit waits for another committer's lock on an object
 * @param flushThreads      threads that force revision files in parallel during a flush
 * @param checkpointEvery   flushed transactions between index checkpoints
 * @param fileIO            how files on the commit and flush paths are opened (a seam for fault injection)
 */
public record StoreOptions(boolean createIfMissing, boolean fsync, long segmentBytes, long maxBacklogBytes,
                           Duration lockTimeout, int flushThreads, long checkpointEvery, FileIO fileIO) {
    public StoreOptions {
        if (segmentBytes < 4096 || maxBacklogBytes < 4096 || flushThreads < 1 || checkpointEvery < 1) {
            throw new IllegalArgumentException("invalid store options");
        }
    }

    public static StoreOptions defaults() {
        return new StoreOptions(false, true, 64L << 20, 64L << 20, Duration.ofSeconds(5), 8, 50_000, FileIO.DEFAULT);
    }

    public StoreOptions withCreateIfMissing(boolean v) {
        return new StoreOptions(v, fsync, segmentBytes, maxBacklogBytes, lockTimeout, flushThreads, checkpointEvery, fileIO);
    }

    public StoreOptions withFsync(boolean v) {
        return new StoreOptions(createIfMissing, v, segmentBytes, maxBacklogBytes, lockTimeout, flushThreads, checkpointEvery, fileIO);
    }

    public StoreOptions withSegmentBytes(long v) {
        return new StoreOptions(createIfMissing, fsync, v, maxBacklogBytes, lockTimeout, flushThreads, checkpointEvery, fileIO);
    }

    public StoreOptions withMaxBacklogBytes(long v) {
        return new StoreOptions(createIfMissing, fsync, segmentBytes, v, lockTimeout, flushThreads, checkpointEvery, fileIO);
    }

    public StoreOptions withLockTimeout(Duration v) {
        return new StoreOptions(createIfMissing, fsync, segmentBytes, maxBacklogBytes, v, flushThreads, checkpointEvery, fileIO);
    }

    public StoreOptions withFlushThreads(int v) {
        return new StoreOptions(createIfMissing, fsync, segmentBytes, maxBacklogBytes, lockTimeout, v, checkpointEvery, fileIO);
    }

    public StoreOptions withCheckpointEvery(long v) {
        return new StoreOptions(createIfMissing, fsync, segmentBytes, maxBacklogBytes, lockTimeout, flushThreads, v, fileIO);
    }

    public StoreOptions withFileIO(FileIO v) {
        return new StoreOptions(createIfMissing, fsync, segmentBytes, maxBacklogBytes, lockTimeout, flushThreads, checkpointEvery, v);
    }
}
