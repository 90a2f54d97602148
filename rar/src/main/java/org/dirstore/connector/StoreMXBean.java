package org.dirstore.connector;

/**
 * Management interface of one store, registered as {@code org.dirstore:type=Store,name=<name>}.
 * Every attribute and operation is described in docs/jmx.md. Xids are written
 * {@code formatId:globalTransactionIdHex:branchQualifierHex}.
 */
public interface StoreMXBean {
    /** The store name (the {@code name} key of this MBean). */
    String getName();

    /** The store's home directory. */
    String getHome();

    /** The store identity, fixed at creation. */
    String getIdentity();

    /** Whether commits are forced to disk before they are acknowledged. */
    boolean isFsync();

    /** Directories under which backups may be written. */
    String[] getBackupRoots();

    /** Lease of a snapshot taken through this MBean, in seconds. */
    long getSnapshotLeaseSeconds();

    /** Tid of the last committed transaction. */
    long getLastTid();

    /** Time of the last committed transaction (ISO-8601, UTC). */
    String getLastCommitTime();

    /** Objects whose current revision is not a deletion. */
    long getObjects();

    /** Transactions committed since the store was opened. */
    long getCommits();

    /** Journal fsyncs since open. */
    long getJournalForces();

    /** Journal segment files still needed. */
    int getJournalSegments();

    /** Committed bytes waiting to be flushed into the main store. */
    long getJournalBacklogBytes();

    /** Committed transactions waiting to be flushed into the main store. */
    long getJournalBacklogTransactions();

    /** Commits that had to wait for the flusher. */
    long getBackpressureWaits();

    /** Prepared XA branches without an outcome. */
    String[] getInDoubtTransactions();

    /** Commits an in-doubt branch (operator decision; normally the transaction manager does it). */
    void commitInDoubt(String xid);

    /** Rolls back an in-doubt branch. */
    void rollbackInDoubt(String xid);
}
