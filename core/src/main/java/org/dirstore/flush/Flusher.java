package org.dirstore.flush;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dirstore.format.Layout;
import org.dirstore.format.Revision;
import org.dirstore.format.RevisionFile;
import org.dirstore.format.TransactionFile;
import org.dirstore.format.TransactionRecord;
import org.dirstore.io.FileIO;

/**
 * The background flusher: writes committed transactions from memory (their journal copy keeps
 * them safe meanwhile) into one file per revision and one per transaction, in tid order, in
 * batches. Files of a batch are forced in parallel, then their directories; only then is the batch
 * reported flushed, so the journal may let it go.
 */
public final class Flusher implements AutoCloseable {
    private static final int MAX_BATCH_ITEMS = 2048;
    private static final long MAX_BATCH_BYTES = 32L << 20;
    private static final int LINGER_BELOW = 64;
    private static final long LINGER_MILLIS = 20;

    /** One committed transaction to flush. */
    public record Item(TransactionRecord tx, List<Revision> revisions, long segment, long bytes) {
    }

    /** Where a transaction's files go: A normally, B while a snapshot freezes A. */
    public interface Target {
        Path rootFor(long tid);
    }

    /** Told, on the flusher thread and in tid order, once a batch is durable. */
    public interface Listener {
        void flushed(List<Item> items);

        void failed(IOException e);
    }

    private static final Item STOP = new Item(null, List.of(), -1, 0);

    private final FileIO io;
    private final Target target;
    private final Listener listener;
    private final ExecutorService forcers;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Set<Path> knownDirs = new HashSet<>();
    private final Thread thread;
    private final Object flushedMonitor = new Object();
    private final java.util.concurrent.locks.ReentrantLock batchLock = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean running = true;
    private volatile long flushedTid;
    private volatile long enqueuedTid;

    public Flusher(FileIO io, int threads, Target target, Listener listener, String name) {
        this.io = io;
        this.target = target;
        this.listener = listener;
        AtomicInteger n = new AtomicInteger();
        this.forcers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dirstore-flush-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        thread = new Thread(this::loop, "dirstore-flusher-" + name);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void enqueue(Item item) {
        enqueuedTid = item.tx().tid();
        queue.add(item);
    }

    /** Tid of the last transaction whose files are durable in A or B. */
    public long flushedTid() {
        return flushedTid;
    }

    /** Waits until every transaction up to {@code tid} is durable in A or B. */
    public void awaitFlushed(long tid) throws InterruptedException {
        synchronized (flushedMonitor) {
            while (flushedTid < tid && enqueuedTid >= tid && running) {
                flushedMonitor.wait(100);
            }
        }
    }

    /** Runs {@code action} between two flush batches (e.g. to switch the target between A and B). */
    public <T> T betweenBatches(java.util.function.Supplier<T> action) {
        batchLock.lock();
        try {
            return action.get();
        } finally {
            batchLock.unlock();
        }
    }

    /** Forgets cached directory existence (after directories were removed, e.g. B after a merge). */
    public void forgetDirectories() {
        synchronized (knownDirs) {
            knownDirs.clear();
        }
    }

    private void loop() {
        List<Item> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Item first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null || first == STOP) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                if (queue.size() < LINGER_BELOW && running) {
                    // a light load: wait a moment so one flush carries more transactions
                    Thread.sleep(LINGER_MILLIS);
                }
                long bytes = first.bytes();
                for (Item next; batch.size() < MAX_BATCH_ITEMS && bytes < MAX_BATCH_BYTES
                        && (next = queue.poll()) != null; ) {
                    if (next == STOP) {
                        continue;
                    }
                    batch.add(next);
                    bytes += next.bytes();
                }
                flushWithRetry(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void flushWithRetry(List<Item> batch) throws InterruptedException {
        long delay = 50;
        while (true) {
            batchLock.lock();
            try {
                flush(batch);
                break;
            } catch (IOException e) {
                // the data stays in memory and in the journal; report and try again
                listener.failed(e);
                forgetDirectories();
                if (!running) {
                    return;
                }
                Thread.sleep(delay);
                delay = Math.min(delay * 2, 1000);
            } finally {
                batchLock.unlock();
            }
        }
        listener.flushed(List.copyOf(batch));
        synchronized (flushedMonitor) {
            flushedTid = batch.get(batch.size() - 1).tx().tid();
            flushedMonitor.notifyAll();
        }
    }

    private void flush(List<Item> batch) throws IOException, InterruptedException {
        // write every file first, then force them all: the first force commits the file system's
        // journal for most of the batch, so the others are cheap (one flush of many files)
        List<Path> files = new ArrayList<>();
        Set<Path> dirs = new LinkedHashSet<>();
        for (Item item : batch) {
            Path root = target.rootFor(item.tx().tid());
            for (Revision r : item.revisions()) {
                Path file = Layout.revision(root, r.oid(), r.tid());
                prepareDirectory(file.getParent(), dirs);
                io.writeFile(file, RevisionFile.encode(r));
                files.add(file);
            }
            Path txFile = Layout.transaction(root, item.tx().tid());
            prepareDirectory(txFile.getParent(), dirs);
            io.writeFile(txFile, TransactionFile.encode(item.tx()));
            files.add(txFile);
        }
        List<Callable<Void>> forces = new ArrayList<>(files.size());
        for (Path f : files) {
            forces.add(() -> {
                io.force(f);
                return null;
            });
        }
        for (Path d : dirs) {
            forces.add(() -> {
                FileIO.forceDirectory(d);
                return null;
            });
        }
        for (Future<Void> f : forcers.invokeAll(forces)) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("flush failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private void prepareDirectory(Path dir, Set<Path> toForce) throws IOException {
        toForce.add(dir);
        synchronized (knownDirs) {
            if (knownDirs.contains(dir)) {
                return;
            }
        }
        Path p = dir;
        List<Path> missing = new ArrayList<>();
        while (p != null && !Files.isDirectory(p)) {
            missing.add(p);
            p = p.getParent();
        }
        for (int i = missing.size() - 1; i >= 0; i--) {
            Files.createDirectories(missing.get(i));
            toForce.add(missing.get(i).getParent());
        }
        synchronized (knownDirs) {
            knownDirs.add(dir);
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forcers.shutdown();
    }

    /** Stops at once, leaving queued work to the journal (used when the store fails to open). */
    public int queued() {
        return queue.size();
    }
}
