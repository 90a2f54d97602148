package org.dirstore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.dirstore.txn.ConflictException;
import org.dirstore.txn.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads move money between few accounts, retrying on conflicts: the total never changes, no update is lost. */
class ConcurrencyTest {
    private static final int ACCOUNTS = 12;
    private static final int THREADS = 16;
    private static final int TRANSFERS_PER_THREAD = 150;
    private static final long INITIAL = 1_000;

    @TempDir
    Path dir;

    static byte[] balance(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static long balance(byte[] b) {
        return ByteBuffer.wrap(b).getLong();
    }

    @Test
    void concurrentTransfersKeepTheTotalAndLoseNoUpdate() throws Exception {
        try (Store s = Store.create(dir.resolve("ledger"), StoreOptions.defaults())) {
            long[] accounts = new long[ACCOUNTS];
            try (Transaction t = s.begin()) {
                for (int i = 0; i < ACCOUNTS; i++) {
                    accounts[i] = t.newOid();
                    t.write(accounts[i], balance(INITIAL));
                }
                t.commit();
            }
            AtomicLongArray expected = new AtomicLongArray(ACCOUNTS);
            AtomicLong conflicts = new AtomicLong();
            AtomicLong totalViolations = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            long forcesBefore = s.stats().journalForces();
            long commitsBefore = s.stats().commits();
            for (int th = 0; th < THREADS; th++) {
                futures.add(pool.submit(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (int n = 0; n < TRANSFERS_PER_THREAD; n++) {
                        int from = r.nextInt(ACCOUNTS);
                        int to = (from + 1 + r.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                        long amount = 1 + r.nextInt(50);
                        while (true) {
                            try (Transaction t = s.begin()) {
                                // a consistent snapshot always sums to the total
                                long sum = 0;
                                for (long a : accounts) {
                                    sum += balance(t.read(a).orElseThrow());
                                }
                                if (sum != ACCOUNTS * INITIAL) {
                                    totalViolations.incrementAndGet();
                                }
                                t.write(accounts[from], balance(balance(t.read(accounts[from]).orElseThrow()) - amount));
                                t.write(accounts[to], balance(balance(t.read(accounts[to]).orElseThrow()) + amount));
                                t.commit();
                                expected.addAndGet(from, -amount);
                                expected.addAndGet(to, amount);
                                break;
                            } catch (ConflictException e) {
                                conflicts.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertEquals(0, totalViolations.get(), "every snapshot summed to the total");
            long sum = 0;
            for (int i = 0; i < ACCOUNTS; i++) {
                long b = balance(s.read(accounts[i]).orElseThrow());
                assertEquals(INITIAL + expected.get(i), b, "account " + i + " lost no update");
                sum += b;
            }
            assertEquals(ACCOUNTS * INITIAL, sum);
            long commits = s.stats().commits() - commitsBefore;
            long forces = s.stats().journalForces() - forcesBefore;
            assertEquals((long) THREADS * TRANSFERS_PER_THREAD, commits);
            assertTrue(conflicts.get() > 0, "the test really contended");
            assertTrue(forces < commits, "group commit: " + commits + " commits in " + forces + " forces");
        }
    }
}
