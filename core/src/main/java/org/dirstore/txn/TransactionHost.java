package org.dirstore.txn;

import java.util.Optional;
import javax.transaction.xa.Xid;
import org.dirstore.format.Revision;

/** The engine side of a {@link Transaction}: implemented by the store, not for applications. */
public interface TransactionHost {
    /** The revision of {@code oid} visible at {@code snapshotTid} (deletions included), if any. */
    Optional<Revision> revisionAt(long oid, long snapshotTid);

    long newOid();

    /** One-phase commit; returns the tid. */
    long commit(Transaction txn);

    /** XA phase one: makes the branch durable and in doubt, holding its locks. */
    void prepare(Transaction txn, Xid xid);
}
