package org.dirstore.backup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.dirstore.snapshot.Snapshot;
import org.dirstore.snapshot.SnapshotFile;
import org.dirstore.store.Store;

/**
 * A {@link BackupSet} of an open store: holds a snapshot (A frozen at tid S while commits go on
 * into B) and lists its files through the store. The snapshot's lease is renewed in the
 * background at a third of its length, so a backup longer than the lease keeps its snapshot, and a
 * process that dies simply stops renewing it. Closing exits the snapshot.
 */
public final class StoreBackupSet implements BackupSet {
    private final Store store;
    private final Snapshot.Holder holder;
    private final long tid;
    private final ScheduledExecutorService renewer;
    private final AtomicReference<RuntimeException> renewalFailure = new AtomicReference<>();

    private StoreBackupSet(Store store, Snapshot.Holder holder, long tid, Duration lease) {
        this.store = store;
        this.holder = holder;
        this.tid = tid;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dirstore-backup-lease");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(() -> {
            try {
                store.snapshots().renew(holder.token(), lease);
            } catch (RuntimeException e) {
                renewalFailure.compareAndSet(null, e);
                throw e;
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Enters (or joins) snapshot mode of {@code store} as {@code holderName}; blocks until A holds
     * every transaction up to the snapshot tid.
     */
    public static StoreBackupSet enter(Store store, String holderName, Duration lease) {
        Objects.requireNonNull(store, "store");
        Snapshot.Holder holder = store.snapshots().enter(holderName, lease);
        long tid = store.snapshots().current().orElseThrow(
                () -> new IllegalStateException("snapshot of " + store.home() + " ended right after it was entered")).tid();
        return new StoreBackupSet(store, holder, tid, lease);
    }

    @Override
    public UUID storeId() {
        return store.identity();
    }

    @Override
    public int formatVersion() {
        return store.formatVersion();
    }

    @Override
    public long tid() {
        return tid;
    }

    @Override
    public List<BackupSource.SourceFile> allFiles() {
        return sourceFiles(store.snapshots().fullBackupSet(holder.token()));
    }

    @Override
    public List<BackupSource.SourceFile> filesAfter(long afterTid) {
        return sourceFiles(store.snapshots().incrementalBackupSet(holder.token(), afterTid));
    }

    private static List<BackupSource.SourceFile> sourceFiles(List<SnapshotFile> files) {
        return files.stream().map(f -> new BackupSource.SourceFile(f.relativePath(), f.file())).toList();
    }

    /**
     * Exits the snapshot (the last holder's exit merges B into A).
     *
     * @throws IllegalStateException if renewing the lease failed while the set was open: the
     *                               snapshot may have ended early
     */
    @Override
    public void close() {
        renewer.shutdownNow();
        RuntimeException failure = renewalFailure.get();
        if (failure != null) {
            throw new IllegalStateException("the snapshot of " + store.home() + " could not be kept while the backup ran: "
                    + failure.getMessage(), failure);
        }
        store.snapshots().exit(holder.token());
    }
}
