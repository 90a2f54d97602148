package org.dirstore.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.dirstore.format.Tids;
import org.dirstore.io.FileIO;
import org.dirstore.store.StoreException;

/**
 * The append-only journal: the store's commit path. Committers queue their requests; whichever
 * committer gets the write lock becomes the leader and writes every queued request as one batch
 * with one force (group commit), reporting each durable in order; requests that arrive meanwhile
 * form the next batch. A lone committer thus writes its own record with no thread hand-off. Segments are deleted oldest first once nothing in them is still needed (see {@link #pin}).
 */
public final class Journal implements AutoCloseable {
    static final int SEGMENT_MAGIC = 0x44534A53; // "DSJS"
    static final short VERSION = 1;
    static final int SEGMENT_HEADER = 4 + 2 + 2 + 8 + 16 + 4;
    static final int FRAME = 8;
    static final int MAX_RECORD = 1 << 30;
    private static final int MAX_BATCH = 4096;

    /** A record read back from a segment on open. */
    public record Entry(long segment, JournalRecord record) {
    }

    /** What {@link #read} found: the records in order and the highest segment number seen. */
    public record Recovered(List<Entry> entries, long lastSegment, List<String> repairs) {
    }

    /** Settings of the journal. */
    public record Options(boolean fsync, long segmentBytes) {
    }

    private final Path dir;
    private final UUID storeId;
    private final Options options;
    private final FileIO io;
    private final CarryForward carry;
    private final Tids.Clock clock;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object handoff = new Object();
    private final TreeMap<Long, int[]> pins = new TreeMap<>();
    private final AtomicLong forces = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final GrowableBuffer batch = new GrowableBuffer(1 << 16);
    private volatile boolean running = true;
    private volatile Throwable broken;
    private volatile IOException lastRotationError;
    private FileChannel channel;
    private long segment;
    private long repairAt = -1;
    private long lastCommitTid;

    private static final class Pending {
        final Sealer sealer;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        JournalRecord record;

        Pending(Sealer sealer) {
            this.sealer = sealer;
        }
    }

    /**
     * Starts a journal that writes new segments after {@code lastSegment}, carrying in-doubt
     * branches forward; {@code lastCommitTid} continues the transaction chain.
     */
    public Journal(Path dir, UUID storeId, long lastSegment, java.util.Map<Long, Integer> initialPins,
                   long lastCommitTid, Tids.Clock clock, Options options, FileIO io, CarryForward carry)
            throws IOException {
        this.dir = dir;
        this.storeId = storeId;
        this.options = options;
        this.io = io;
        this.carry = carry;
        this.clock = clock;
        this.lastCommitTid = lastCommitTid;
        this.segment = lastSegment;
        initialPins.forEach((seg, count) -> pins.put(seg, new int[] {count}));
        startSegment();
    }

    /**
     * Appends a request and returns once its record is durable (or failed): the returned future is
     * complete. The calling thread may write other committers' records as part of its batch.
     */
    public CompletableFuture<Void> append(Sealer sealer) {
        Pending p = new Pending(sealer);
        Throwable b = broken;
        if (b != null) {
            p.done.completeExceptionally(new StoreException("journal in " + dir + " is unusable after an internal failure: " + b, b));
            return p.done;
        }
        if (!running) {
            p.done.completeExceptionally(new StoreException("store is closed"));
            return p.done;
        }
        queue.add(p);
        boolean interrupted = false;
        List<Pending> taken = new ArrayList<>();
        List<Pending> sealed = new ArrayList<>();
        while (!p.done.isDone()) {
            if (writeLock.tryLock()) {
                try {
                    while (!p.done.isDone()) {
                        taken.clear();
                        for (Pending next; taken.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
                            taken.add(next);
                        }
                        writeBatchOrFail(taken, sealed);
                    }
                } finally {
                    writeLock.unlock();
                }
                synchronized (handoff) {
                    handoff.notifyAll();
                }
            } else {
                synchronized (handoff) {
                    while (!p.done.isDone() && writeLock.isLocked()) {
                        try {
                            handoff.wait();
                        } catch (InterruptedException e) {
                            // the record may already be on its way to disk: wait for its outcome
                            interrupted = true;
                        }
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return p.done;
    }

    /** Keeps {@code seg} (and so every later segment) on disk until a matching {@link #unpin}. */
    public void pin(long seg) {
        synchronized (pins) {
            pins.computeIfAbsent(seg, s -> new int[1])[0]++;
        }
    }

    public void unpin(long seg) {
        synchronized (pins) {
            int[] c = pins.get(seg);
            if (c == null || c[0] <= 0) {
                throw new IllegalStateException("segment " + seg + " is not pinned");
            }
            c[0]--;
        }
        deleteReleasedSegments();
    }

    /** Deletes segments, oldest first, that are older than the current one and no longer pinned. */
    public void deleteReleasedSegments() {
        List<Path> doomed = new ArrayList<>();
        synchronized (pins) {
            long current = segment;
            for (var it = pins.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey() >= current || e.getValue()[0] > 0) {
                    break;
                }
                doomed.add(segmentPath(e.getKey()));
                it.remove();
            }
        }
        for (Path p : doomed) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new StoreException("cannot delete released journal segment " + p + ": " + e.getMessage(), e);
            }
        }
    }

    public long forces() {
        return forces.get();
    }

    public long records() {
        return records.get();
    }

    public long bytesWritten() {
        return bytes.get();
    }

    /** Number of segment files on disk that are still needed, the current one included. */
    public int liveSegments() {
        synchronized (pins) {
            return pins.size();
        }
    }

    private Path segmentPath(long seq) {
        return dir.resolve(String.format("%016x.jnl", seq));
    }

    private void startSegment() throws IOException {
        long next = segment + 1;
        Path path = segmentPath(next);
        FileChannel ch = io.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            GrowableBuffer out = new GrowableBuffer(SEGMENT_HEADER + 1024);
            out.putInt(SEGMENT_MAGIC).putInt(VERSION << 16).putLong(next)
                    .putLong(storeId.getMostSignificantBits()).putLong(storeId.getLeastSignificantBits());
            out.putInt(crc(out.array(), 0, out.position()));
            List<CarryForward.Carried> carried = carry.inDoubt();
            for (CarryForward.Carried c : carried) {
                frame(c.record(), out);
            }
            writeFully(ch, out.written());
            ch.force(true);
            FileIO.forceDirectory(dir);
            FileChannel old = channel;
            synchronized (pins) {
                channel = ch;
                segment = next;
                int[] newPins = pins.computeIfAbsent(next, s -> new int[1]);
                for (CarryForward.Carried c : carried) {
                    newPins[0]++;
                    int[] before = pins.get(c.segment());
                    if (before != null) {
                        before[0]--;
                    }
                }
            }
            carry.carried(carried, next);
            if (old != null) {
                old.close();
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(path);
            throw e;
        }
        deleteReleasedSegments();
    }

    private void writeBatchOrFail(List<Pending> taken, List<Pending> sealed) {
        if (!running) {
            StoreException closed = new StoreException("store closed before the commit was written");
            taken.forEach(p -> p.done.completeExceptionally(closed));
            return;
        }
        try {
            writeBatch(taken, sealed);
        } catch (RuntimeException | Error e) {
            broken = e;
            for (Pending p : taken) {
                p.done.completeExceptionally(e);
            }
        }
    }

    private void writeBatch(List<Pending> taken, List<Pending> sealed) {
        if (broken != null) {
            StoreException e = new StoreException("journal in " + dir + " is unusable after an internal failure: " + broken, broken);
            taken.forEach(p -> p.done.completeExceptionally(e));
            return;
        }
        try {
            repairIfNeeded();
        } catch (IOException e) {
            fail(taken, "journal segment " + segmentPath(segment) + " could not yet be repaired after a failed write", e);
            return;
        }
        sealed.clear();
        batch.clear();
        BatchContext ctx = new BatchContext();
        for (Pending p : taken) {
            int mark = batch.position();
            try {
                p.record = p.sealer.seal(ctx);
                frame(p.record, batch);
                ctx.accept();
                sealed.add(p);
            } catch (RuntimeException e) {
                ctx.reject();
                truncateBatch(mark);
                p.done.completeExceptionally(e);
            }
        }
        if (sealed.isEmpty()) {
            return;
        }
        long start = -1;
        try {
            start = channel.position();
            writeFully(channel, batch.written());
            if (options.fsync()) {
                channel.force(false);
            }
        } catch (IOException e) {
            // the batch was never acknowledged: cut it off again before anything else is appended
            if (start >= 0) {
                repairAt = start;
                try {
                    repairIfNeeded();
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
            }
            fail(sealed, "journal write to " + segmentPath(segment) + " failed", e);
            return;
        }
        lastCommitTid = ctx.lastCommitTid;
        forces.incrementAndGet();
        records.addAndGet(sealed.size());
        bytes.addAndGet(batch.position());
        for (Pending p : sealed) {
            p.sealer.durable(p.record, segment);
            p.done.complete(null);
        }
        try {
            if (channel.position() >= options.segmentBytes()) {
                startSegment();
            }
        } catch (IOException e) {
            // the current segment is intact; rotation is tried again after the next batch
            lastRotationError = e;
        }
    }

    private void repairIfNeeded() throws IOException {
        if (repairAt >= 0) {
            channel.truncate(repairAt);
            channel.position(repairAt);
            channel.force(false);
            repairAt = -1;
        }
    }

    private void truncateBatch(int mark) {
        // a record that failed to seal or encode is dropped from the batch
        ByteBuffer kept = ByteBuffer.wrap(batch.array(), 0, mark);
        byte[] copy = new byte[mark];
        kept.get(copy);
        batch.clear();
        batch.put(copy);
    }

    private static void fail(List<Pending> pending, String what, IOException e) {
        StoreException ex = new StoreException(what + ": " + e.getMessage(), e);
        for (Pending p : pending) {
            p.done.completeExceptionally(ex);
        }
    }

    /** The last failure to start a new segment, if rotation is being retried. */
    public IOException lastRotationError() {
        return lastRotationError;
    }

    private final class BatchContext implements Sealer.SealContext {
        long lastCommitTid = Journal.this.lastCommitTid;
        long pendingTid;
        final java.util.Set<Long> deleted = new java.util.HashSet<>();
        final java.util.List<Long> pendingDeleted = new java.util.ArrayList<>();

        @Override
        public boolean deletedInBatch(long oid) {
            return deleted.contains(oid);
        }

        @Override
        public void deletes(long oid) {
            pendingDeleted.add(oid);
        }

        @Override
        public long nextTid() {
            return clock.next();
        }

        @Override
        public long previousCommitTid() {
            return lastCommitTid;
        }

        @Override
        public void committed(long tid) {
            pendingTid = tid;
        }

        void accept() {
            if (pendingTid != 0) {
                lastCommitTid = pendingTid;
            }
            pendingTid = 0;
            deleted.addAll(pendingDeleted);
            pendingDeleted.clear();
        }

        void reject() {
            pendingTid = 0;
            pendingDeleted.clear();
        }
    }

    static void frame(JournalRecord record, GrowableBuffer out) {
        int start = out.position();
        out.putInt(0).putInt(0);
        JournalCodec.encode(record, out);
        int len = out.position() - start - FRAME;
        out.putIntAt(start, len);
        out.putIntAt(start + 4, crc(out.array(), start + FRAME, len));
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    /** Stops accepting requests (failing any still queued) and closes the current segment. */
    @Override
    public void close() throws IOException {
        running = false;
        writeLock.lock();
        try {
            StoreException closed = new StoreException("store closed before the commit was written");
            for (Pending p; (p = queue.poll()) != null; ) {
                p.done.completeExceptionally(closed);
            }
            if (channel != null) {
                channel.close();
            }
        } finally {
            writeLock.unlock();
        }
        synchronized (handoff) {
            handoff.notifyAll();
        }
    }

    /**
     * After {@link #close} and once everything is flushed: deletes every segment nothing pins, the
     * last one included, so a cleanly closed store reopens with an empty journal.
     */
    public void deleteAllReleased() {
        if (running) {
            throw new IllegalStateException("journal still running");
        }
        synchronized (pins) {
            segment = Long.MAX_VALUE;
        }
        deleteReleasedSegments();
    }

    /**
     * Reads every segment in order. A torn or CRC-failing tail of the last segment was never
     * acknowledged and is cut off; damage anywhere else is reported and nothing is changed.
     */
    public static Recovered read(Path dir, UUID storeId) throws IOException {
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jnl")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                try {
                    segments.put(Long.parseUnsignedLong(name.substring(0, name.length() - 4), 16), p);
                } catch (NumberFormatException e) {
                    throw new StoreException("unexpected file in journal directory: " + p);
                }
            }
        }
        List<Entry> entries = new ArrayList<>();
        List<String> repairs = new ArrayList<>();
        long last = 0;
        for (var e : segments.entrySet()) {
            boolean isLast = e.getKey().equals(segments.lastKey());
            readSegment(e.getKey(), e.getValue(), storeId, isLast, entries, repairs);
            last = e.getKey();
        }
        return new Recovered(entries, last, repairs);
    }

    private static void readSegment(long seq, Path path, UUID storeId, boolean isLast, List<Entry> out,
                                    List<String> repairs) throws IOException {
        byte[] data = Files.readAllBytes(path);
        ByteBuffer b = ByteBuffer.wrap(data);
        String headerProblem = null;
        if (data.length < SEGMENT_HEADER) {
            headerProblem = "shorter than a segment header";
        } else if (b.getInt(0) != SEGMENT_MAGIC) {
            headerProblem = "bad magic";
        } else if (b.getInt(SEGMENT_HEADER - 4) != crc(data, 0, SEGMENT_HEADER - 4)) {
            headerProblem = "header CRC mismatch";
        }
        if (headerProblem != null) {
            if (isLast) {
                // a segment whose creation was interrupted holds nothing acknowledged
                Files.delete(path);
                repairs.add("removed journal segment " + path + " with an incomplete header (" + headerProblem + ")");
                return;
            }
            throw new StoreException("journal segment " + path + " is corrupt: " + headerProblem);
        }
        int version = b.getShort(4);
        long fileSeq = b.getLong(8);
        UUID id = new UUID(b.getLong(16), b.getLong(24));
        if (version != VERSION) {
            throw new StoreException("journal segment " + path + " has unsupported version " + version);
        }
        if (fileSeq != seq || !id.equals(storeId)) {
            throw new StoreException("journal segment " + path + " belongs to another store or position (store "
                    + id + ", segment " + fileSeq + ")");
        }
        int pos = SEGMENT_HEADER;
        while (pos < data.length) {
            String problem = null;
            JournalRecord record = null;
            int len = 0;
            if (data.length - pos < FRAME) {
                problem = "torn frame";
            } else {
                len = b.getInt(pos);
                int crc = b.getInt(pos + 4);
                if (len <= 0 || len > MAX_RECORD || len > data.length - pos - FRAME) {
                    problem = "torn or impossible record length " + len;
                } else if (crc(data, pos + FRAME, len) != crc) {
                    problem = "record CRC mismatch";
                } else {
                    try {
                        record = JournalCodec.decode(ByteBuffer.wrap(data, pos + FRAME, len).slice());
                    } catch (IllegalArgumentException ex) {
                        problem = ex.getMessage();
                    }
                }
            }
            if (problem != null) {
                if (!isLast) {
                    throw new StoreException("journal segment " + path + " is corrupt at offset " + pos + " (" + problem
                            + ") and later segments exist: refusing to open");
                }
                try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    ch.truncate(pos);
                    ch.force(true);
                }
                repairs.add("cut the journal tail of " + path + " at offset " + pos + " (" + problem + ", "
                        + (data.length - pos) + " bytes never acknowledged)");
                return;
            }
            out.add(new Entry(seq, record));
            pos += FRAME + len;
        }
    }
}
