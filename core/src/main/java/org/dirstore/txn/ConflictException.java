package org.dirstore.txn;

import org.dirstore.store.StoreException;

/**
 * Another transaction committed a change to an object this one wrote (or asked to read current)
 * after this one's snapshot: first committer wins. Nothing of this transaction was written; the
 * application may retry it from the start.
 */
public final class ConflictException extends StoreException {
    private static final long serialVersionUID = 1L;
    private final long oid;

    public ConflictException(long oid, String message) {
        super(message);
        this.oid = oid;
    }

    /** The object the conflict was found on. */
    public long oid() {
        return oid;
    }
}
