package org.dirstore.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.dirstore.bench.peer.Subject;
import org.dirstore.bench.util.LatencyLog;

/**
 * Drives one {@link Subject} with {@code threads} committers, each overwriting its own objects in
 * turn with values of a fixed size (random, so not compressible). Runs until {@link #stop()};
 * {@link #beginWindow()} and {@link #endWindow()} bracket a measured window (latencies of commits
 * started inside it, throughput over its length).
 */
public final class LoadRunner implements AutoCloseable {
    private final Subject subject;
    private final int threads;
    private final int slots;
    private final int valueBytes;
    private final List<Thread> workers = new ArrayList<>();
    private final List<LatencyLog> logs = new ArrayList<>();
    private final LongAdder total = new LongAdder();
    private final LongAdder inWindow = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean recording;
    private long windowStart;

    public LoadRunner(Subject subject, int threads, int slots, int valueBytes) {
        this.subject = subject;
        this.threads = threads;
        this.slots = slots;
        this.valueBytes = valueBytes;
    }

    /** Starts the committer threads. */
    public LoadRunner start() {
        for (int i = 0; i < threads; i++) {
            LatencyLog log = new LatencyLog();
            logs.add(log);
            int id = i;
            Thread t = new Thread(() -> work(id, log), "bench-committer-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
        return this;
    }

    private void work(int id, LatencyLog log) {
        byte[] value = new byte[valueBytes];
        ThreadLocalRandom.current().nextBytes(value);
        int slot = 0;
        long n = 0;
        try {
            while (running) {
                value[(int) (n % valueBytes)] ^= (byte) (n + 1);
                boolean rec = recording;
                long t0 = System.nanoTime();
                subject.commit(id, slot, value);
                long dt = System.nanoTime() - t0;
                total.increment();
                if (rec) {
                    synchronized (log) {
                        log.add(dt);
                    }
                    inWindow.increment();
                }
                slot = slot + 1 == slots ? 0 : slot + 1;
                n++;
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            running = false;
        }
    }

    /** Commits done since start, by every thread. */
    public long committed() {
        return total.sum();
    }

    /** Starts a measured window (clears latencies of any earlier window). */
    public void beginWindow() {
        checkFailure();
        for (LatencyLog l : logs) {
            synchronized (l) {
                l.clear();
            }
        }
        inWindow.reset();
        windowStart = System.nanoTime();
        recording = true;
    }

    /** Ends the measured window and returns what it measured. */
    public Window endWindow() {
        recording = false;
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        checkFailure();
        List<LatencyLog> copies = new ArrayList<>();
        for (LatencyLog l : logs) {
            synchronized (l) {
                LatencyLog c = new LatencyLog();
                copies.add(c);
                l.drainTo(c);
            }
        }
        LatencyLog.Percentiles p = LatencyLog.merge(copies);
        long commits = inWindow.sum();
        return new Window(commits, seconds, commits / seconds, p.p50Ms(), p.p99Ms(), p.maxMs());
    }

    /** Sleeps for {@code millis}, failing early if a committer failed. */
    public void run(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            checkFailure();
            Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        checkFailure();
    }

    /** Stops the committers and waits for them. */
    public void stop() throws InterruptedException {
        running = false;
        for (Thread t : workers) {
            t.join();
        }
        checkFailure();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void checkFailure() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("a committer failed: " + e, e);
        }
    }

    /**
     * One measured window.
     *
     * @param commits         commits started (and finished) inside the window
     * @param seconds         its length
     * @param commitsPerSecond throughput
     * @param p50Ms           median commit latency
     * @param p99Ms           99th percentile commit latency
     * @param maxMs           worst commit latency
     */
    public record Window(long commits, double seconds, double commitsPerSecond, double p50Ms, double p99Ms, double maxMs) {
    }
}
