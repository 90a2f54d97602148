package org.dirstore.bench.scenario;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.dirstore.txn.Transaction;

/**
 * The child JVM of measurement 5. {@code populate HOME N SIZE clean|crash} commits N objects in
 * transactions of 1,000; "clean" then closes the store, "crash" prints {@code COMMITTED} and waits
 * to be killed. {@code open HOME} opens the store and prints
 * {@code RESULT openMillis heapBytes objects flushMillis}, heap measured after full GCs before and after.
 */
public final class OpenChild {
    static final int PER_TXN = 1_000;

    private OpenChild() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[1]);
        switch (args[0]) {
            case "populate" -> populate(home, Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4].equals("crash"));
            case "open" -> open(home);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void populate(Path home, int n, int size, boolean crash) throws InterruptedException {
        Store store = Store.create(home, StoreOptions.defaults());
        byte[] value = new byte[size];
        ThreadLocalRandom.current().nextBytes(value);
        for (int done = 0; done < n; done += PER_TXN) {
            try (Transaction t = store.begin()) {
                for (int i = done; i < Math.min(n, done + PER_TXN); i++) {
                    value[i % size] ^= (byte) i;
                    t.write(t.newOid(), value);
                }
                t.commit();
            }
        }
        if (crash) {
            var st = store.stats();
            System.out.println("COMMITTED " + st.objects() + " " + st.backlogTransactions() + " " + st.backlogBytes());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        store.close();
        System.out.println("CLOSED");
    }

    private static void open(Path home) {
        long before = heapAfterGc();
        long t0 = System.nanoTime();
        Store store = Store.open(home, StoreOptions.defaults());
        long openNanos = System.nanoTime() - t0;
        long heap = heapAfterGc() - before;
        long objects = store.stats().objects();
        store.awaitFlushed();
        long flushNanos = System.nanoTime() - t0;
        store.close();
        System.out.println("RESULT " + openNanos / 1e6 + " " + heap + " " + objects + " " + flushNanos / 1e6);
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
