package org.dirstore.txn;

import java.util.List;
import java.util.UUID;
import javax.transaction.xa.Xid;

/** The store-wide side of XA: branches by Xid, shared by every {@link StoreXAResource} of a store. */
public interface BranchRegistry {
    UUID identity();

    Transaction begin();

    /** Registers an active branch; false if the Xid is already known. */
    boolean addBranch(Xid xid, Transaction txn);

    Transaction branch(Xid xid);

    void removeBranch(Xid xid);

    /** Commits a prepared branch (also one recovered after a restart); false if unknown. */
    boolean commitPrepared(Xid xid);

    /** Rolls back a prepared branch; false if unknown. */
    boolean rollbackPrepared(Xid xid);

    /** Prepared branches without an outcome. */
    List<Xid> inDoubt();
}
