package org.dirstore.store;

import com.carrotsearch.hppc.LongObjectHashMap;
import org.dirstore.txn.ConflictException;

/**
 * Commit locks on oids, held from prepare to outcome. Taken in oid order, so committers never
 * deadlock; a committer that cannot get a lock in time fails with a conflict naming the holder.
 */
final class LockTable {
    private final LongObjectHashMap<Object> owners = new LongObjectHashMap<>();

    synchronized void acquire(long[] sortedOids, Object owner, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        for (int i = 0; i < sortedOids.length; i++) {
            long oid = sortedOids[i];
            Object holder;
            while ((holder = owners.get(oid)) != null && holder != owner) {
                long waitNanos = deadline - System.nanoTime();
                if (waitNanos <= 0) {
                    release(sortedOids, i, owner);
                    throw new ConflictException(oid, "object " + oid + " is being committed by " + holder
                            + " and stayed locked for " + timeoutMillis + " ms");
                }
                try {
                    wait(Math.max(1, waitNanos / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    release(sortedOids, i, owner);
                    throw new ConflictException(oid, "interrupted while waiting for the lock on object " + oid);
                }
            }
            owners.put(oid, owner);
        }
    }

    synchronized void release(long[] oids, Object owner) {
        release(oids, oids.length, owner);
    }

    private void release(long[] oids, int count, Object owner) {
        for (int i = 0; i < count; i++) {
            if (owners.get(oids[i]) == owner) {
                owners.remove(oids[i]);
            }
        }
        notifyAll();
    }
}
