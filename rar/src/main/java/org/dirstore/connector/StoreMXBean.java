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

    /** True while the store is in snapshot mode (main store A frozen at {@link #getSnapshotTid()}). */
    boolean isSnapshotActive();

    /** Tid the current snapshot is frozen at, or -1 when none is held. */
    long getSnapshotTid();

    /** When the current snapshot began (ISO-8601), or empty when none is held. */
    String getSnapshotSince();

    /** Holders of the current snapshot: {@code name token leaseEnds}. */
    String[] getSnapshotHolders();

    /** Times snapshot mode was entered since the store opened. */
    long getSnapshotsEntered();

    /**
     * Enters (or joins) snapshot mode with the configured lease and returns the holder's token.
     * Blocks until the main store holds every transaction up to the snapshot tid.
     */
    String enterSnapshot(String holderName);

    /** Extends the holder's lease by the configured lease; returns the new end (ISO-8601). */
    String renewSnapshot(String token);

    /** The holder leaves; the last one to leave ends snapshot mode. */
    void exitSnapshot(String token);

    /** The files of a full backup at the snapshot tid, relative to the store home ({@code token} must hold it). */
    String[] listSnapshotFiles(String token);

    /** The files of an incremental backup of the transactions after {@code afterTid} up to the snapshot tid. */
    String[] listIncrementalSnapshotFiles(String token, long afterTid);

    /** Checks the store inside a snapshot of its own and returns the report; also kept in {@link #getLastCheck()}. */
    String check();

    /** The report of the last check run through this MBean (empty if none). */
    String getLastCheck();

    /** The long operation now running ({@code check}, {@code enterSnapshot}, ...), or empty. */
    String getCurrentOperation();

    /**
     * Writes a full backup (a gzip-compressed tar with a manifest) of a snapshot into
     * {@code directory}, which must lie under one of {@link #getBackupRoots()}; returns the backup id.
     */
    String fullBackup(String directory);

    /**
     * Writes an incremental backup of the transactions since the newest complete backup of this
     * store in {@code directory}; returns the backup id.
     */
    String incrementalBackup(String directory);

    /** The catalog of a backup directory: one line per complete backup ({@code id kind (afterTid, upToTid] bytes created}, tids in hex). */
    String[] listBackups(String directory);

    /** The backups written through this MBean since the store opened, newest first. */
    String[] getLastBackups();

    /** Progress of the running backup ({@code files done/total, bytes done/total}), or empty. */
    String getBackupProgress();
}
