package org.dirstore.tools;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.dirstore.backup.BackupArchive;
import org.dirstore.backup.BackupCatalog;
import org.dirstore.backup.BackupKind;
import org.dirstore.backup.BackupProgress;
import org.dirstore.backup.Compression;
import org.dirstore.workload.LedgerWorkload;
import org.dirstore.format.Tids;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dirstore load HOME}: runs the ledger workload (transfers between accounts from several
 * threads) for a time or a number of commits, printing what it committed. With
 * {@code --backup-to}, it also takes hot backups while the transfers go on (the store is held by
 * this process, so backups from another process could not open it) and reports commit latency
 * during backups against the rest.
 */
@Command(name = "load", description = {
        "Run the ledger workload (concurrent transfers) against a store, printing what it committed.",
        "With --backup-to DIR it takes a backup every --backup-every while the transfers go on."})
final class LoadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOME", description = "Store directory (created if absent or empty).")
    Path home;

    @Option(names = "--accounts", defaultValue = "1000", description = "Accounts in a new ledger (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--threads", defaultValue = "4", description = "Committing threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--duration", description = "How long to run, e.g. 30s, 5m (default 10s unless --count is given).",
            converter = DurationConverter.class)
    Duration duration;

    @Option(names = "--count", description = "How many transfers to commit.")
    Long count;

    @Option(names = "--report-every", defaultValue = "5s", converter = DurationConverter.class,
            description = "Print a progress line this often (default ${DEFAULT-VALUE}).")
    Duration reportEvery;

    @Option(names = "--backup-to", paramLabel = "DIR", description = "Take hot backups into DIR while loading.")
    Path backupDir;

    @Option(names = "--backup-every", defaultValue = "10s", converter = DurationConverter.class,
            description = "Interval between backups with --backup-to: the first is full unless DIR already holds a chain"
                    + " of this store, the others incremental (default ${DEFAULT-VALUE}).")
    Duration backupEvery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (duration == null && count == null) {
            duration = Duration.ofSeconds(10);
        }
        if (threads < 1 || accounts < 2) {
            throw new IllegalArgumentException("need --threads >= 1 and --accounts >= 2");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = Store.open(home, StoreOptions.defaults().withCreateIfMissing(true))) {
            LedgerWorkload ledger = new LedgerWorkload(store);
            long[] ids = ledger.ensureAccounts(accounts);
            long expectedTotal = ledger.total(ids);
            long committedBefore = ledger.transfers();
            AtomicLong firstTid = new AtomicLong(Long.MAX_VALUE);
            AtomicLong lastTid = new AtomicLong();
            AtomicLong remaining = new AtomicLong(count == null ? Long.MAX_VALUE : count);
            AtomicBoolean backupRunning = new AtomicBoolean();
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long start = System.nanoTime();
            long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
            List<Thread> workers = new ArrayList<>();
            List<LatencyRecorder> recorders = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                LatencyRecorder recorder = new LatencyRecorder();
                recorders.add(recorder);
                Thread worker = new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    try {
                        while (failure.get() == null && System.nanoTime() < deadline && remaining.getAndDecrement() > 0) {
                            int from = random.nextInt(ids.length);
                            int to = (from + 1 + random.nextInt(ids.length - 1)) % ids.length;
                            boolean duringBackup = backupRunning.get();
                            long t0 = System.nanoTime();
                            long tid = ledger.transfer(ids[from], ids[to], 1 + random.nextInt(100));
                            recorder.record(System.nanoTime() - t0, duringBackup || backupRunning.get());
                            firstTid.accumulateAndGet(tid, Math::min);
                            lastTid.accumulateAndGet(tid, Math::max);
                        }
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                    }
                }, "load-" + i);
                worker.start();
                workers.add(worker);
            }
            Thread backups = backupDir == null ? null
                    : startBackups(store, out, backupRunning, done, failure);
            long nextReport = start + reportEvery.toNanos();
            for (Thread worker : workers) {
                while (worker.isAlive()) {
                    worker.join(100);
                    if (System.nanoTime() >= nextReport) {
                        nextReport += reportEvery.toNanos();
                        synchronized (out) {
                            out.printf(Locale.ROOT, "%6.1fs  %d transfers committed, last tid %s%n",
                                    (System.nanoTime() - start) / 1e9, ledger.transfers() - committedBefore,
                                    Tids.hex(lastTid.get()));
                            out.flush();
                        }
                    }
                }
            }
            done.set(true);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (backups != null) {
                backups.join(); // lets a backup in progress finish
            }
            if (failure.get() != null) {
                throw new IllegalStateException("load stopped: " + Errors.describe(failure.get()), failure.get());
            }
            long committed = ledger.transfers() - committedBefore;
            long total = ledger.total(ids);
            out.printf(Locale.ROOT, "committed %d transfers in %.1f s (%.0f/s) with %d threads, %d conflicts retried%n",
                    committed, seconds, committed / seconds, threads, ledger.conflicts());
            if (committed > 0) {
                out.printf("tids %s .. %s (%s .. %s)%n", Tids.hex(firstTid.get()), Tids.hex(lastTid.get()),
                        Tids.toInstant(firstTid.get()), Tids.toInstant(lastTid.get()));
            }
            LatencyRecorder all = LatencyRecorder.merge(recorders);
            String normal = all.describe(false);
            String during = all.describe(true);
            if (normal != null) {
                out.printf("commit latency%s: %s%n", backupDir == null ? "" : " without a backup running", normal);
            }
            if (during != null) {
                out.printf("commit latency while a backup ran: %s%n", during);
            }
            out.printf("ledger of %d accounts, total balance %d (expected %d)%n", ids.length, total, expectedTotal);
            if (total != expectedTotal) {
                throw new IllegalStateException("ledger total " + total + " differs from " + expectedTotal);
            }
        }
        return 0;
    }

    /** Whether the newest backup in the directory already reaches the store's last commit. */
    private boolean nothingNew(Store store) throws java.io.IOException {
        return BackupCatalog.scan(backupDir).latest(store.identity())
                .map(b -> b.manifest().upToTid() >= store.lastTid()).orElse(false);
    }

    private Thread startBackups(Store store, PrintWriter out, AtomicBoolean running, AtomicBoolean done,
                               AtomicReference<Throwable> failure) throws java.io.IOException {
        java.nio.file.Files.createDirectories(backupDir);
        boolean hasChain = BackupCatalog.scan(backupDir).latest(store.identity()).isPresent();
        Thread thread = new Thread(() -> {
            boolean full = !hasChain;
            try {
                while (!done.get() && failure.get() == null) {
                    long due = System.nanoTime() + backupEvery.toNanos();
                    while (System.nanoTime() < due) {
                        if (done.get() || failure.get() != null) {
                            return;
                        }
                        Thread.sleep(20);
                    }
                    if (!full && nothingNew(store)) {
                        continue;
                    }
                    long t0 = System.nanoTime();
                    running.set(true);
                    BackupArchive backup;
                    try {
                        backup = BackupRun.take(store, backupDir, full ? BackupKind.FULL : BackupKind.INCREMENTAL,
                                Compression.GZIP, Duration.ofMinutes(10), BackupProgress.NONE);
                    } finally {
                        running.set(false);
                    }
                    full = false;
                    synchronized (out) {
                        out.println(BackupRun.describe(backup, (System.nanoTime() - t0) / 1e9));
                        out.flush();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                failure.compareAndSet(null, e);
            }
        }, "load-backups");
        thread.start();
        return thread;
    }
}
