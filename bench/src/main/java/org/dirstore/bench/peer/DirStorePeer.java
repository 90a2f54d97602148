package org.dirstore.bench.peer;

import java.nio.file.Path;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.dirstore.txn.Transaction;

/** DirStore with its default, durable options (journal forced before a commit returns, group commit). */
public final class DirStorePeer implements Peer {
    private final StoreOptions options;

    public DirStorePeer() {
        this(StoreOptions.defaults());
    }

    public DirStorePeer(StoreOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "DirStore";
    }

    @Override
    public String durability() {
        return "default options (fsync on): one-phase `Transaction.commit()` returns after the journal record is forced; "
                + "concurrent commits share a force (group commit); the flusher into A runs in the background";
    }

    @Override
    public Handle open(Path dir, int threads, int slots) {
        return handle(Store.create(dir, options), threads, slots, true);
    }

    /** Commits into an already open store with fresh objects; closing the handle leaves the store open. */
    public static Handle attach(Store store, int threads, int slots) {
        return handle(store, threads, slots, false);
    }

    private static Handle handle(Store store, int threads, int slots, boolean owned) {
        long[][] oids = new long[threads][slots];
        try (Transaction t = store.begin()) {
            for (long[] row : oids) {
                for (int i = 0; i < slots; i++) {
                    row[i] = t.newOid();
                }
            }
        }
        return new Handle(store, oids, owned);
    }

    /** An open DirStore; exposes the store for scenarios that sample its statistics. */
    public static final class Handle implements Subject {
        private final Store store;
        private final long[][] oids;
        private final boolean owned;

        Handle(Store store, long[][] oids, boolean owned) {
            this.store = store;
            this.oids = oids;
            this.owned = owned;
        }

        public Store store() {
            return store;
        }

        @Override
        public void commit(int thread, int slot, byte[] value) {
            try (Transaction t = store.begin()) {
                t.write(oids[thread][slot], value);
                t.commit();
            }
        }

        @Override
        public long forces() {
            return store.stats().journalForces();
        }

        @Override
        public long commits() {
            return store.stats().commits();
        }

        @Override
        public void close() {
            if (owned) {
                store.close();
            }
        }
    }
}
