package org.dirstore.tools;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import org.dirstore.format.Tids;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.dirstore.txn.ConflictException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dirstore load HOME}: runs the ledger workload (transfers between accounts from several
 * threads) for a time or a number of commits, printing what it committed. Lets anyone try
 * backups while writes go on.
 */
@Command(name = "load", description = "Run the ledger workload (concurrent transfers) against a store.")
final class LoadCommand implements Callable<Integer> {
    static final long INITIAL_BALANCE = 1_000;

    @Parameters(index = "0", paramLabel = "HOME", description = "Store directory (created if absent or empty).")
    Path home;

    @Option(names = "--accounts", defaultValue = "1000", description = "Accounts in a new ledger (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--threads", defaultValue = "4", description = "Committing threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--duration", description = "How long to run, e.g. 30s, 5m (ISO-8601 PT30S also accepted).",
            converter = DurationConverter.class)
    Duration duration;

    @Option(names = "--count", description = "How many transfers to commit.")
    Long count;

    @Option(names = "--report-every", defaultValue = "5s", converter = DurationConverter.class,
            description = "Print a progress line this often (default ${DEFAULT-VALUE}).")
    Duration reportEvery;

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
            Ledger ledger = Ledger.openOrCreate(store, accounts, INITIAL_BALANCE);
            long expectedTotal = Ledger.total(store);
            AtomicLong committed = new AtomicLong();
            AtomicLong conflicts = new AtomicLong();
            AtomicLong firstTid = new AtomicLong(Long.MAX_VALUE);
            AtomicLong lastTid = new AtomicLong();
            AtomicLong remaining = new AtomicLong(count == null ? Long.MAX_VALUE : count);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long start = System.nanoTime();
            long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread worker = new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (failure.get() == null && System.nanoTime() < deadline && remaining.getAndDecrement() > 0) {
                        int from = random.nextInt(ledger.size());
                        int to = (from + 1 + random.nextInt(ledger.size() - 1)) % ledger.size();
                        while (true) {
                            try {
                                long tid = ledger.transfer(store, from, to, 1 + random.nextInt(100));
                                firstTid.accumulateAndGet(tid, Math::min);
                                lastTid.accumulateAndGet(tid, Math::max);
                                committed.incrementAndGet();
                                break;
                            } catch (ConflictException e) {
                                conflicts.incrementAndGet();
                            } catch (RuntimeException | Error e) {
                                failure.compareAndSet(null, e);
                                return;
                            }
                        }
                    }
                }, "load-" + i);
                worker.start();
                workers.add(worker);
            }
            long nextReport = start + reportEvery.toNanos();
            for (Thread worker : workers) {
                while (worker.isAlive()) {
                    worker.join(100);
                    if (System.nanoTime() >= nextReport) {
                        nextReport += reportEvery.toNanos();
                        out.printf(Locale.ROOT, "%6.1fs  %d transfers committed, last tid %s%n",
                                (System.nanoTime() - start) / 1e9, committed.get(), Tids.hex(lastTid.get()));
                        out.flush();
                    }
                }
            }
            if (failure.get() != null) {
                throw new IllegalStateException("load stopped: " + Errors.describe(failure.get()), failure.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long total = Ledger.total(store);
            out.printf(Locale.ROOT, "committed %d transfers in %.1f s (%.0f/s) with %d threads, %d conflicts retried%n",
                    committed.get(), seconds, committed.get() / seconds, threads, conflicts.get());
            if (committed.get() > 0) {
                out.printf("tids %s .. %s (%s .. %s)%n", Tids.hex(firstTid.get()), Tids.hex(lastTid.get()),
                        Tids.toInstant(firstTid.get()), Tids.toInstant(lastTid.get()));
            }
            out.printf("ledger of %d accounts, total balance %d (expected %d)%n", ledger.size(), total, expectedTotal);
            if (total != expectedTotal) {
                throw new IllegalStateException("ledger total " + total + " differs from " + expectedTotal);
            }
        }
        return 0;
    }
}
