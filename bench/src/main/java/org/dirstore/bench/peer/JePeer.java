package org.dirstore.bench.peer;

import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseConfig;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Durability;
import com.sleepycat.je.Environment;
import com.sleepycat.je.EnvironmentConfig;
import com.sleepycat.je.StatsConfig;
import com.sleepycat.je.Transaction;
import com.sleepycat.je.XAEnvironment;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Berkeley DB Java Edition: a transactional {@link XAEnvironment} with {@code Durability.COMMIT_SYNC}
 * (the log is fsynced before commit returns; JE groups concurrent commits into one fsync itself).
 */
public final class JePeer implements Peer {
    static final long CACHE_BYTES = 512L << 20;

    @Override
    public String name() {
        return "BerkeleyDB-JE";
    }

    @Override
    public String durability() {
        return "je 18.3.12, transactional `XAEnvironment`, `Durability.COMMIT_SYNC`, cache 512 MiB; "
                + "one-phase `txn.commit()` per put (JE's own group commit shares fsyncs)";
    }

    @Override
    public Handle open(Path dir, int threads, int slots) {
        return new Handle(openEnvironment(dir), 0, slots, true);
    }

    /**
     * Commits into an already open environment, to keys from {@code keyOffset} on; closing the
     * handle leaves the environment open.
     */
    public static Handle attach(Environment env, long keyOffset, int slots) {
        return new Handle(env, keyOffset, slots, false);
    }

    /** Opens a durable transactional JE environment in {@code dir} (exists and is empty or a JE home). */
    public static Environment openEnvironment(Path dir) {
        EnvironmentConfig config = new EnvironmentConfig();
        config.setAllowCreate(true);
        config.setTransactional(true);
        config.setDurability(Durability.COMMIT_SYNC);
        config.setCacheSize(CACHE_BYTES);
        return new XAEnvironment(dir.toFile(), config);
    }

    /** Opens (creating it) the transactional database the benchmarks use. */
    public static Database openDatabase(Environment env) {
        DatabaseConfig dc = new DatabaseConfig();
        dc.setAllowCreate(true);
        dc.setTransactional(true);
        return env.openDatabase(null, "bench", dc);
    }

    /** The 8-byte big-endian key of a long. */
    public static DatabaseEntry key(long k) {
        return new DatabaseEntry(ByteBuffer.allocate(8).putLong(k).array());
    }

    /** An open JE environment and database. */
    public static final class Handle implements Subject {
        private final Environment env;
        private final Database db;
        private final long keyOffset;
        private final int slots;
        private final boolean owned;

        Handle(Environment env, long keyOffset, int slots, boolean owned) {
            this.env = env;
            this.db = openDatabase(env);
            this.keyOffset = keyOffset;
            this.slots = slots;
            this.owned = owned;
        }

        public Environment environment() {
            return env;
        }

        @Override
        public void commit(int thread, int slot, byte[] value) {
            Transaction txn = env.beginTransaction(null, null);
            boolean done = false;
            try {
                db.put(txn, key(keyOffset + (long) thread * slots + slot), new DatabaseEntry(value));
                txn.commit();
                done = true;
            } finally {
                if (!done) {
                    txn.abort();
                }
            }
        }

        @Override
        public long forces() {
            return env.getStats(StatsConfig.DEFAULT).getNFSyncs();
        }

        @Override
        public long commits() {
            return env.getTransactionStats(StatsConfig.DEFAULT).getNCommits();
        }

        @Override
        public void close() {
            try {
                db.close();
            } finally {
                if (owned) {
                    env.close();
                }
            }
        }
    }
}
