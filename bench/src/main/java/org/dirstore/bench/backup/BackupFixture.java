package org.dirstore.bench.backup;

import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Durability;
import com.sleepycat.je.Environment;
import com.sleepycat.je.TransactionConfig;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.dirstore.bench.peer.JePeer;
import org.dirstore.bench.util.Dirs;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.dirstore.txn.Transaction;

/**
 * Two equal data sets for the backup measurements: a DirStore and a Berkeley DB JE environment,
 * each holding the same {@code count} objects of {@code size} random bytes (object i has the same
 * bytes in both). Both stay open: the backups are hot.
 */
public final class BackupFixture implements AutoCloseable {
    static final int OBJECTS_PER_TXN = 64;

    private final Path dsHome;
    private final Path jeHome;
    private final Store store;
    private final Environment env;
    private final Database db;
    private final long[] oids;
    private final int size;

    private BackupFixture(Path dsHome, Path jeHome, Store store, Environment env, long[] oids, int size) {
        this.dsHome = dsHome;
        this.jeHome = jeHome;
        this.store = store;
        this.env = env;
        this.db = JePeer.openDatabase(env);
        this.oids = oids;
        this.size = size;
    }

    /** Creates and fills both stores under {@code dir}. */
    public static BackupFixture create(Path dir, long dataBytes, int size) {
        int count = (int) Math.max(1, dataBytes / size);
        Path dsHome = dir.resolve("dirstore");
        Path jeHome = Dirs.fresh(dir.resolve("je"));
        Store store = Store.create(dsHome, StoreOptions.defaults());
        long[] oids = new long[count];
        try (Transaction t = store.begin()) {
            for (int i = 0; i < count; i++) {
                oids[i] = t.newOid();
            }
        }
        BackupFixture f = new BackupFixture(dsHome, jeHome, store, JePeer.openEnvironment(jeHome), oids, size);
        f.write(0, count, 0);
        return f;
    }

    /** Rewrites objects {@code from..to} (exclusive) in both stores with the bytes of {@code generation}. */
    public void write(int from, int to, int generation) {
        for (int i = from; i < to; i += OBJECTS_PER_TXN) {
            int end = Math.min(to, i + OBJECTS_PER_TXN);
            try (Transaction t = store.begin()) {
                for (int j = i; j < end; j++) {
                    t.write(oids[j], value(j, generation));
                }
                t.commit();
            }
            TransactionConfig tc = new TransactionConfig().setDurability(Durability.COMMIT_NO_SYNC);
            com.sleepycat.je.Transaction txn = env.beginTransaction(null, tc);
            try {
                for (int j = i; j < end; j++) {
                    db.put(txn, JePeer.key(j), new DatabaseEntry(value(j, generation)));
                }
                txn.commit();
                txn = null;
            } finally {
                if (txn != null) {
                    txn.abort();
                }
            }
        }
        store.awaitFlushed();
        env.flushLog(true);
    }

    /** Rewrites every {@code step}-th object (e.g. 100 for 1%); returns how many objects changed. */
    public int change(int step, int generation) {
        int changed = 0;
        for (int i = 0; i < oids.length; i += step * OBJECTS_PER_TXN) {
            try (Transaction t = store.begin()) {
                for (int j = i; j < Math.min(oids.length, i + step * OBJECTS_PER_TXN); j += step) {
                    t.write(oids[j], value(j, generation));
                    changed++;
                }
                t.commit();
            }
        }
        store.awaitFlushed();
        return changed;
    }

    private byte[] value(int i, int generation) {
        byte[] b = new byte[size];
        new SplittableRandom(((long) generation << 32) ^ i).nextBytes(b);
        return b;
    }

    public Store store() {
        return store;
    }

    public Environment environment() {
        return env;
    }

    public Path dirStoreHome() {
        return dsHome;
    }

    public Path jeHome() {
        return jeHome;
    }

    public int objects() {
        return oids.length;
    }

    public int objectSize() {
        return size;
    }

    public long dataBytes() {
        return (long) oids.length * size;
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            try {
                db.close();
            } finally {
                env.close();
            }
        }
    }
}
