package org.dirstore.workload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.dirstore.store.Store;
import org.dirstore.txn.ConflictException;
import org.dirstore.txn.Transaction;

/**
 * A small ledger on a store: accounts (objects holding a balance) listed in an index object bound to
 * the named root "ledger", and transfers between them with a retry on conflict. Used by the embedded
 * demo and by `dirstore load` so anyone can watch commits flow while taking snapshots and backups.
 */
public final class LedgerWorkload {
    public static final String ROOT = "ledger";
    public static final long INITIAL_BALANCE = 1_000;

    private final Store store;
    private final AtomicLong transfers = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();

    public LedgerWorkload(Store store) {
        this.store = store;
    }

    /** Creates {@code count} accounts if the ledger does not exist yet; returns the account oids. */
    public long[] ensureAccounts(int count) {
        while (true) {
            try (Transaction t = store.begin()) {
                var root = t.root(ROOT);
                if (root.isPresent()) {
                    return accounts(t, root.getAsLong());
                }
                long[] accounts = new long[count];
                ByteBuffer index = ByteBuffer.allocate(8 * count);
                for (int i = 0; i < count; i++) {
                    accounts[i] = t.newOid();
                    t.write(accounts[i], encode(INITIAL_BALANCE));
                    index.putLong(accounts[i]);
                }
                long indexOid = t.newOid();
                t.write(indexOid, index.array(), accounts);
                t.setRoot(ROOT, indexOid);
                t.setDescription("create ledger with " + count + " accounts");
                t.commit();
                return accounts;
            } catch (ConflictException e) {
                conflicts.incrementAndGet();
            }
        }
    }

    private static long[] accounts(Transaction t, long indexOid) {
        ByteBuffer b = ByteBuffer.wrap(t.read(indexOid).orElseThrow());
        long[] out = new long[b.remaining() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }

    /** Moves {@code amount} from one account to another, retrying on conflict; returns the commit tid. */
    public long transfer(long from, long to, long amount) {
        while (true) {
            try (Transaction t = store.begin()) {
                t.write(from, encode(balance(t, from) - amount));
                t.write(to, encode(balance(t, to) + amount));
                t.setDescription("transfer " + amount + " from " + from + " to " + to);
                long tid = t.commit();
                transfers.incrementAndGet();
                return tid;
            } catch (ConflictException e) {
                conflicts.incrementAndGet();
            }
        }
    }

    /** Performs random transfers until {@code deadlineNanos} or {@code maxTransfers}, whichever first. */
    public void run(long[] accounts, long deadlineNanos, long maxTransfers) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (System.nanoTime() < deadlineNanos && transfers.get() < maxTransfers) {
            int a = r.nextInt(accounts.length);
            int b = (a + 1 + r.nextInt(accounts.length - 1)) % accounts.length;
            transfer(accounts[a], accounts[b], 1 + r.nextInt(100));
        }
    }

    /** Sum of all balances as of one snapshot: always accounts x initial balance. */
    public long total(long[] accounts) {
        try (Transaction t = store.begin()) {
            long sum = 0;
            for (long a : accounts) {
                sum += balance(t, a);
            }
            return sum;
        }
    }

    public static long balance(Transaction t, long account) {
        return ByteBuffer.wrap(t.read(account).orElseThrow()).getLong();
    }

    public static byte[] encode(long balance) {
        return ByteBuffer.allocate(8).putLong(balance).array();
    }

    public long transfers() {
        return transfers.get();
    }

    public long conflicts() {
        return conflicts.get();
    }

    /** Runs {@code threads} workers for {@code seconds} (or until {@code maxTransfers}). */
    public void runThreads(long[] accounts, int threads, double seconds, long maxTransfers) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread th = new Thread(() -> run(accounts, deadline, maxTransfers), "ledger-" + i);
            th.start();
            workers.add(th);
        }
        for (Thread th : workers) {
            th.join();
        }
    }
}
