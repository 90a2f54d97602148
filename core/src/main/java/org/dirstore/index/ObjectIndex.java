package org.dirstore.index;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;

/**
 * oid -> tid of the object's current revision, in a primitive map (about 20-40 bytes per object).
 * The top bit of a stored value marks a deletion, so the dangling-reference check needs no I/O.
 * Updates are monotonic: a revision never replaces a newer one, so replays are idempotent.
 */
public final class ObjectIndex {
    public static final long DELETED = Long.MIN_VALUE;

    private final LongLongHashMap map;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long maxOid;
    private long live;
    private volatile long lastTid;

    public ObjectIndex(int expected) {
        map = new LongLongHashMap(Math.max(16, expected));
    }

    public static long tidOf(long entry) {
        return entry & ~DELETED;
    }

    public static boolean isDeleted(long entry) {
        return (entry & DELETED) != 0;
    }

    /** The current entry (tid with deletion bit) of {@code oid}, or 0 if the oid was never written. */
    public long get(long oid) {
        lock.readLock().lock();
        try {
            return map.getOrDefault(oid, 0L);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** True if {@code oid} has a current revision that is not a deletion. */
    public boolean exists(long oid) {
        long e = get(oid);
        return e != 0 && !isDeleted(e);
    }

    /** Applies the writes of one committed transaction and advances the last tid, atomically for readers. */
    public void apply(long tid, long[] oids, boolean[] deletions) {
        lock.writeLock().lock();
        try {
            for (int i = 0; i < oids.length; i++) {
                put(oids[i], tid, deletions[i]);
            }
            if (tid > lastTid) {
                lastTid = tid;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void put(long oid, long tid, boolean deleted) {
        long old = map.getOrDefault(oid, 0L);
        if (tidOf(old) < tid) {
            map.put(oid, deleted ? tid | DELETED : tid);
            boolean wasLive = old != 0 && !isDeleted(old);
            live += (deleted ? 0 : 1) - (wasLive ? 1 : 0);
        }
        if (oid > maxOid) {
            maxOid = oid;
        }
    }

    /** Loads one checkpoint entry. */
    public void load(long oid, long entry) {
        lock.writeLock().lock();
        try {
            put(oid, tidOf(entry), isDeleted(entry));
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void advanceLastTid(long tid) {
        lock.writeLock().lock();
        try {
            if (tid > lastTid) {
                lastTid = tid;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The tid of the last transaction applied: a reader's snapshot. */
    public long lastTid() {
        return lastTid;
    }

    public long maxOid() {
        lock.readLock().lock();
        try {
            return maxOid;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return map.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of objects whose current revision is not a deletion (kept up to date, no scan). */
    public long liveObjects() {
        lock.readLock().lock();
        try {
            return live;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A consistent copy: parallel arrays of oids and entries, sorted by oid, as of {@link Copy#tid}. */
    public Copy copy() {
        lock.readLock().lock();
        try {
            long[] oids = new long[map.size()];
            int i = 0;
            for (LongLongCursor c : map) {
                oids[i++] = c.key;
            }
            java.util.Arrays.sort(oids);
            long[] entries = new long[oids.length];
            for (int j = 0; j < oids.length; j++) {
                entries[j] = map.get(oids[j]);
            }
            return new Copy(lastTid, oids, entries);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Calls {@code action} for each oid whose current revision is not a deletion. */
    public void forEachLive(LongConsumer action) {
        Copy c = copy();
        for (int i = 0; i < c.oids.length; i++) {
            if (!isDeleted(c.entries[i])) {
                action.accept(c.oids[i]);
            }
        }
    }

    /** A point-in-time copy of the index. */
    public record Copy(long tid, long[] oids, long[] entries) {
    }
}
