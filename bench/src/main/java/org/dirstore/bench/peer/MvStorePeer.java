package org.dirstore.bench.peer;

import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * H2's MVStore used as a key-value store with explicit commits: each transaction is
 * {@code map.put}, {@code store.commit()} (writes a new chunk holding every change so far) and
 * {@code store.sync()} (forces the file) before it returns. Auto-commit is disabled, so nothing
 * is written in the background.
 */
public final class MvStorePeer implements Peer {
    @Override
    public String name() {
        return "H2-MVStore";
    }

    @Override
    public String durability() {
        return "h2 2.3.232 `MVStore` with auto-commit disabled; per transaction `map.put`, `store.commit()` "
                + "(writes a chunk with all changes so far, concurrent callers may carry each other's puts) and "
                + "`store.sync()` (FileChannel.force) before returning";
    }

    @Override
    public Handle open(Path dir, int threads, int slots) {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("bench.mv").toString()).autoCommitDisabled().open();
        return new Handle(store, store.openMap("bench"), slots);
    }

    /** An open MVStore and its map. */
    public static final class Handle implements Subject {
        private final MVStore store;
        private final MVMap<Long, byte[]> map;
        private final int slots;

        Handle(MVStore store, MVMap<Long, byte[]> map, int slots) {
            this.store = store;
            this.map = map;
            this.slots = slots;
        }

        @Override
        public void commit(int thread, int slot, byte[] value) {
            map.put((long) thread * slots + slot, value);
            store.commit();
            store.sync();
        }

        @Override
        public long forces() {
            return -1;
        }

        @Override
        public long commits() {
            return -1;
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
