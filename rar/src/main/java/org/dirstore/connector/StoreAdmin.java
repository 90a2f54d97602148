package org.dirstore.connector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.MBeanNotificationInfo;
import javax.transaction.xa.Xid;

import org.dirstore.backup.BackupArchive;
import org.dirstore.backup.BackupCatalog;
import org.dirstore.backup.BackupManifest;
import org.dirstore.backup.BackupProgress;
import org.dirstore.backup.Compression;
import org.dirstore.backup.SnapshotBackup;
import org.dirstore.backup.StoreBackupSet;
import org.dirstore.check.CheckReport;
import org.dirstore.check.StoreCheck;
import org.dirstore.snapshot.Snapshot;
import org.dirstore.snapshot.SnapshotFile;
import org.dirstore.store.Store;
import org.dirstore.store.StoreStats;

/**
 * The store's MBean. Refused requests fail with {@link IllegalArgumentException} or
 * {@link IllegalStateException} carrying a message that says why; JMX clients see the message.
 */
public final class StoreAdmin extends NotificationBroadcasterSupport implements StoreMXBean {
    /** Notification type sent when an operation starts, progresses or ends. */
    public static final String PROGRESS = "org.dirstore.progress";

    private final StoreSettings settings;
    private final Store store;
    private final AtomicLong sequence = new AtomicLong();
    private final java.util.Collection<String> operations = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile String lastCheck = "";
    private volatile String backupProgress = "";
    private final java.util.Deque<String> lastBackups = new java.util.ArrayDeque<>();

    StoreAdmin(StoreSettings settings, Store store) {
        super(new MBeanNotificationInfo(new String[] {PROGRESS}, Notification.class.getName(),
                "progress of long operations (snapshot, backup, check)"));
        this.settings = settings;
        this.store = store;
    }

    static ObjectName objectName(String storeName) {
        try {
            String key = storeName.matches("[A-Za-z0-9_.-]+") ? storeName : ObjectName.quote(storeName);
            return new ObjectName("org.dirstore:type=Store,name=" + key);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("bad store name for an MBean: " + storeName, e);
        }
    }

    void notifyProgress(String message, Object data) {
        Notification n = new Notification(PROGRESS, this, sequence.incrementAndGet(), System.currentTimeMillis(), message);
        n.setUserData(data);
        sendNotification(n);
    }

    @Override
    public String getName() {
        return settings.name();
    }

    @Override
    public String getHome() {
        return settings.home().toString();
    }

    @Override
    public String getIdentity() {
        return store.identity().toString();
    }

    @Override
    public boolean isFsync() {
        return settings.fsync();
    }

    @Override
    public String[] getBackupRoots() {
        return settings.backupRoots().stream().map(Object::toString).toArray(String[]::new);
    }

    @Override
    public long getSnapshotLeaseSeconds() {
        return settings.snapshotLease().toSeconds();
    }

    @Override
    public long getLastTid() {
        return store.lastTid();
    }

    @Override
    public String getLastCommitTime() {
        return org.dirstore.format.Tids.toInstant(store.lastTid()).toString();
    }

    private StoreStats stats() {
        return store.stats();
    }

    @Override
    public long getObjects() {
        return stats().objects();
    }

    @Override
    public long getCommits() {
        return stats().commits();
    }

    @Override
    public long getJournalForces() {
        return stats().journalForces();
    }

    @Override
    public int getJournalSegments() {
        return stats().journalSegments();
    }

    @Override
    public long getJournalBacklogBytes() {
        return stats().backlogBytes();
    }

    @Override
    public long getJournalBacklogTransactions() {
        return stats().backlogTransactions();
    }

    @Override
    public long getBackpressureWaits() {
        return stats().backpressureWaits();
    }

    @Override
    public String[] getInDoubtTransactions() {
        return store.inDoubt().stream().map(Xids::format).toArray(String[]::new);
    }

    @Override
    public void commitInDoubt(String xid) {
        guarded(() -> {
            if (!store.commitInDoubt(find(xid))) {
                throw new IllegalStateException("branch " + xid + " was resolved meanwhile");
            }
        });
        notifyProgress("in-doubt branch " + xid + " committed by operator", xid);
    }

    @Override
    public void rollbackInDoubt(String xid) {
        guarded(() -> {
            if (!store.rollbackInDoubt(find(xid))) {
                throw new IllegalStateException("branch " + xid + " was resolved meanwhile");
            }
        });
        notifyProgress("in-doubt branch " + xid + " rolled back by operator", xid);
    }

    @Override
    public boolean isSnapshotActive() {
        return store.snapshots().current().isPresent();
    }

    @Override
    public long getSnapshotTid() {
        return store.snapshots().current().map(Snapshot::tid).orElse(-1L);
    }

    @Override
    public String getSnapshotSince() {
        return store.snapshots().current().map(s -> s.since().toString()).orElse("");
    }

    @Override
    public String[] getSnapshotHolders() {
        return store.snapshots().current().map(s -> s.holders().values().stream()
                .map(h -> h.name() + " " + h.token() + " " + h.leaseEnds()).toArray(String[]::new))
                .orElse(new String[0]);
    }

    @Override
    public long getSnapshotsEntered() {
        return store.snapshots().timesEntered();
    }

    @Override
    public String enterSnapshot(String holderName) {
        String name = holderName == null || holderName.isBlank() ? "jmx" : holderName.trim();
        return running("enterSnapshot", () -> {
            Snapshot.Holder h = store.snapshots().enter(name, settings.snapshotLease());
            notifyProgress("snapshot entered by " + name + " at tid " + getSnapshotTid(), h.token());
            return h.token();
        });
    }

    @Override
    public String renewSnapshot(String token) {
        return guarded(() -> store.snapshots().renew(requireToken(token), settings.snapshotLease()).leaseEnds().toString());
    }

    @Override
    public void exitSnapshot(String token) {
        guarded(() -> store.snapshots().exit(requireToken(token)));
        notifyProgress("snapshot holder left" + (isSnapshotActive() ? "" : "; snapshot mode ended"), token);
    }

    @Override
    public String[] listSnapshotFiles(String token) {
        return guarded(() -> paths(store.snapshots().fullBackupSet(requireToken(token))));
    }

    @Override
    public String[] listIncrementalSnapshotFiles(String token, long afterTid) {
        return guarded(() -> paths(store.snapshots().incrementalBackupSet(requireToken(token), afterTid)));
    }

    @Override
    public String check() {
        return running("check", () -> {
            notifyProgress("check started", null);
            CheckReport report = StoreCheck.run(store);
            lastCheck = report.format();
            notifyProgress("check finished: " + (report.ok() ? "OK" : report.problems().size() + " problem(s)"), lastCheck);
            return lastCheck;
        });
    }

    @Override
    public String getLastCheck() {
        return lastCheck;
    }

    @Override
    public String getCurrentOperation() {
        return String.join(", ", operations);
    }

    @Override
    public String fullBackup(String directory) {
        return backup(directory, true);
    }

    @Override
    public String incrementalBackup(String directory) {
        return backup(directory, false);
    }

    private String backup(String directory, boolean full) {
        String kind = full ? "full" : "incremental";
        return running(kind + "Backup", () -> {
            Path dir = BackupRoots.require(settings.backupRoots(), directory);
            try {
                Files.createDirectories(dir);
                notifyProgress(kind + " backup started into " + dir, dir.toString());
                try (StoreBackupSet set = StoreBackupSet.enter(store, "jmx-" + kind + "-backup", settings.snapshotLease())) {
                    SnapshotBackup writer = new SnapshotBackup(dir, Compression.GZIP, Clock.systemUTC());
                    long[] lastPercent = {-1};
                    BackupProgress progress = (bytesDone, bytesTotal, filesDone, filesTotal) -> {
                        backupProgress = filesDone + "/" + filesTotal + " files, " + bytesDone + "/" + bytesTotal + " bytes";
                        long percent = bytesTotal == 0 ? 100 : bytesDone * 100 / bytesTotal;
                        if (percent / 10 != lastPercent[0] / 10) {
                            lastPercent[0] = percent;
                            notifyProgress(kind + " backup " + percent + "%: " + backupProgress, percent);
                        }
                    };
                    BackupArchive archive = full ? writer.full(set, progress) : writer.incremental(set, progress);
                    String line = describe(archive);
                    synchronized (lastBackups) {
                        lastBackups.addFirst(line + " " + archive.archive());
                        while (lastBackups.size() > 20) {
                            lastBackups.removeLast();
                        }
                    }
                    notifyProgress(kind + " backup written: " + line, archive.id());
                    return archive.id();
                }
            } catch (IOException e) {
                throw new IllegalStateException(kind + " backup into " + dir + " failed: " + e.getMessage());
            } finally {
                backupProgress = "";
            }
        });
    }

    @Override
    public String[] listBackups(String directory) {
        Path dir = BackupRoots.require(settings.backupRoots(), directory);
        return guarded(() -> {
            try {
                return BackupCatalog.scan(dir).backups().stream().map(StoreAdmin::describe).toArray(String[]::new);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the backups in " + dir + ": " + e.getMessage());
            }
        });
    }

    @Override
    public String[] getLastBackups() {
        synchronized (lastBackups) {
            return lastBackups.toArray(new String[0]);
        }
    }

    @Override
    public String getBackupProgress() {
        return backupProgress;
    }

    private static String describe(BackupArchive a) {
        BackupManifest m = a.manifest();
        return String.format("%s %s (%016x, %016x] %d bytes %s", m.backupId(), m.kind().name().toLowerCase(),
                m.afterTid(), m.upToTid(), m.totalBytes(), m.created());
    }

    private <T> T running(String operation, java.util.function.Supplier<T> work) {
        operations.add(operation);
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw plain(e);
        } finally {
            operations.remove(operation);
        }
    }

    /**
     * A remote JMX client (jconsole) has no DirStore classes: report failures as JDK exceptions
     * that carry the message, never as engine exception types it could not deserialize.
     */
    static RuntimeException plain(RuntimeException e) {
        if (e.getClass().getName().startsWith("java.") && e.getCause() == null) {
            return e;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof IllegalArgumentException || e instanceof java.util.NoSuchElementException
                ? new IllegalArgumentException(message) : new IllegalStateException(message);
    }

    private interface Op {
        void run();
    }

    private static void guarded(Op op) {
        try {
            op.run();
        } catch (RuntimeException e) {
            throw plain(e);
        }
    }

    private static <T> T guarded(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            throw plain(e);
        }
    }

    private static String[] paths(List<SnapshotFile> files) {
        return files.stream().map(SnapshotFile::relativePath).toArray(String[]::new);
    }

    private static String requireToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("give the holder token that enterSnapshot returned");
        }
        return token.trim();
    }

    private Xid find(String xid) {
        if (xid == null || xid.isBlank()) {
            throw new IllegalArgumentException("give the xid as formatId:gtridHex:bqualHex (see InDoubtTransactions)");
        }
        List<Xid> all = store.inDoubt();
        return all.stream().filter(x -> Xids.matches(x, xid)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no in-doubt branch " + xid + "; in doubt now: " + all.size()));
    }

}
