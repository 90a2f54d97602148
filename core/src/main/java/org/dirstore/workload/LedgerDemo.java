package org.dirstore.workload;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dirstore.format.Tids;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.dirstore.store.StoreStats;

/**
 * The embedded demo: opens (or creates) a store, runs ledger transfers from several threads for a
 * few seconds, reads everything back and prints what it did. Usage: LedgerDemo [home] [seconds] [threads].
 */
public final class LedgerDemo {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : "target/demo-store");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Files.createDirectories(home.toAbsolutePath().getParent());
        try (Store store = Store.open(home, StoreOptions.defaults().withCreateIfMissing(true))) {
            System.out.printf("DirStore %s at %s (format %d)%n", store.identity(), store.home(), store.formatVersion());
            store.openNotes().forEach(n -> System.out.println("  recovery: " + n));
            LedgerWorkload ledger = new LedgerWorkload(store);
            long[] accounts = ledger.ensureAccounts(20);
            System.out.printf("ledger: %d accounts, total %d%n", accounts.length, ledger.total(accounts));
            StoreStats before = store.stats();
            long start = System.nanoTime();
            ledger.runThreads(accounts, threads, seconds, Long.MAX_VALUE);
            double elapsed = (System.nanoTime() - start) / 1e9;
            StoreStats after = store.stats();
            long commits = after.commits() - before.commits();
            long forces = after.journalForces() - before.journalForces();
            System.out.printf("committed %d transfers in %.1f s with %d threads: %.0f commits/s, %.1f commits per fsync, %d conflicts retried%n",
                    ledger.transfers(), elapsed, threads, commits / elapsed, forces == 0 ? 0.0 : (double) commits / forces,
                    ledger.conflicts());
            long total = ledger.total(accounts);
            System.out.printf("read back: total %d (expected %d) %s%n", total, accounts.length * LedgerWorkload.INITIAL_BALANCE,
                    total == accounts.length * LedgerWorkload.INITIAL_BALANCE ? "OK" : "MISMATCH");
            store.awaitFlushed();
            System.out.printf("last tid %s (%s), %d objects, journal segments %d%n", Tids.hex(store.lastTid()),
                    Tids.toInstant(store.lastTid()), store.stats().objects(), store.stats().journalSegments());
            if (total != accounts.length * LedgerWorkload.INITIAL_BALANCE) {
                System.exit(1);
            }
        }
    }
}
