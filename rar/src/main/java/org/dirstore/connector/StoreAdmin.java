package org.dirstore.connector;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.MBeanNotificationInfo;
import javax.transaction.xa.Xid;

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
        Xid x = find(xid);
        store.commitInDoubt(x);
        notifyProgress("in-doubt branch " + xid + " committed by operator", xid);
    }

    @Override
    public void rollbackInDoubt(String xid) {
        Xid x = find(xid);
        store.rollbackInDoubt(x);
        notifyProgress("in-doubt branch " + xid + " rolled back by operator", xid);
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
