package org.dirstore.txn;

import org.dirstore.store.StoreException;

/** A revision declared a reference to an object that does not exist (or this transaction deletes). */
public final class DanglingReferenceException extends StoreException {
    private static final long serialVersionUID = 1L;

    public DanglingReferenceException(long from, long to) {
        super("object " + from + " references object " + to + ", which does not exist at commit");
    }
}
