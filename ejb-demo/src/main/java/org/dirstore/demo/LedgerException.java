package org.dirstore.demo;

import jakarta.ejb.ApplicationException;

/**
 * A refused ledger request (unknown account, insufficient funds, duplicate account, bad amount).
 * An application exception that rolls the container transaction back.
 */
@ApplicationException(rollback = true)
public class LedgerException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the request was refused. */
    public enum Reason { UNKNOWN_ACCOUNT, INSUFFICIENT_FUNDS, ACCOUNT_EXISTS, INVALID }

    private final Reason reason;

    public LedgerException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
