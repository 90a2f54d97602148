package org.dirstore.txn;

import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.dirstore.format.StoredXid;
import org.dirstore.store.StoreException;

/**
 * The store as an XA resource manager. Branches live in the store, not in this object or in a
 * thread: any resource of the same store can prepare, commit or roll back any branch, and
 * {@link #isSameRM} is true for them. {@link #transaction()} gives the branch this resource is
 * currently associated with (between start and end), through which the application reads and writes.
 */
public final class StoreXAResource implements XAResource {
    private final BranchRegistry registry;
    private volatile Transaction current;
    private volatile Xid currentXid;
    private boolean scanning;

    public StoreXAResource(BranchRegistry registry) {
        this.registry = registry;
    }

    /** The transaction of the branch associated by {@link #start}; fails outside a branch. */
    public Transaction transaction() {
        Transaction t = current;
        if (t == null) {
            throw new IllegalStateException("this XA resource is not associated with a transaction branch");
        }
        return t;
    }

    /** True between start and end of a branch. */
    public boolean isAssociated() {
        return current != null;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        StoredXid x = StoredXid.of(xid);
        if (flags == TMNOFLAGS) {
            Transaction t = registry.begin();
            if (!registry.addBranch(x, t)) {
                throw xa(XAException.XAER_DUPID, "branch " + x + " already exists");
            }
            associate(x, t);
        } else if ((flags & (TMJOIN | TMRESUME)) != 0) {
            Transaction t = registry.branch(x);
            if (t == null || t.state() != Transaction.State.ACTIVE) {
                throw xa(XAException.XAER_NOTA, "no active branch " + x + " to join or resume");
            }
            associate(x, t);
        } else {
            throw xa(XAException.XAER_INVAL, "invalid start flags " + flags);
        }
    }

    private void associate(Xid xid, Transaction t) {
        currentXid = xid;
        current = t;
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        StoredXid x = StoredXid.of(xid);
        Transaction t = registry.branch(x);
        if (t == null) {
            throw xa(XAException.XAER_NOTA, "no branch " + x);
        }
        if ((flags & TMFAIL) != 0) {
            t.setRollbackOnly();
        }
        if (x.equals(currentXid)) {
            current = null;
            currentXid = null;
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        StoredXid x = StoredXid.of(xid);
        Transaction t = registry.branch(x);
        if (t == null || t.state() != Transaction.State.ACTIVE) {
            throw xa(XAException.XAER_NOTA, "no active branch " + x + " to prepare");
        }
        try {
            if (t.isRollbackOnly()) {
                t.rollback();
                registry.removeBranch(x);
                throw xa(XAException.XA_RBROLLBACK, "branch " + x + " was marked rollback-only");
            }
            if (t.isReadOnly()) {
                t.commit();
                registry.removeBranch(x);
                return XA_RDONLY;
            }
            t.prepare(x);
            return XA_OK;
        } catch (ConflictException e) {
            registry.removeBranch(x);
            throw xa(XAException.XA_RBROLLBACK, e);
        } catch (DanglingReferenceException e) {
            registry.removeBranch(x);
            throw xa(XAException.XA_RBINTEGRITY, e);
        } catch (StoreException e) {
            registry.removeBranch(x);
            throw xa(XAException.XAER_RMERR, e);
        }
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        StoredXid x = StoredXid.of(xid);
        Transaction t = registry.branch(x);
        try {
            if (onePhase) {
                if (t == null || t.state() != Transaction.State.ACTIVE) {
                    throw xa(XAException.XAER_NOTA, "no active branch " + x + " to commit in one phase");
                }
                try {
                    t.commit();
                } finally {
                    registry.removeBranch(x);
                }
                return;
            }
            if (!registry.commitPrepared(x)) {
                throw xa(XAException.XAER_NOTA, "no prepared branch " + x + " to commit");
            }
        } catch (ConflictException e) {
            throw xa(XAException.XA_RBROLLBACK, e);
        } catch (DanglingReferenceException e) {
            throw xa(XAException.XA_RBINTEGRITY, e);
        } catch (StoreException e) {
            throw xa(onePhase ? XAException.XAER_RMERR : XAException.XAER_RMFAIL, e);
        }
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        StoredXid x = StoredXid.of(xid);
        Transaction t = registry.branch(x);
        try {
            if (t != null && t.state() == Transaction.State.ACTIVE) {
                t.rollback();
                registry.removeBranch(x);
                return;
            }
            if (!registry.rollbackPrepared(x)) {
                throw xa(XAException.XAER_NOTA, "no branch " + x + " to roll back");
            }
        } catch (StoreException e) {
            throw xa(XAException.XAER_RMFAIL, e);
        }
    }

    @Override
    public synchronized Xid[] recover(int flag) throws XAException {
        if ((flag & ~(TMSTARTRSCAN | TMENDRSCAN)) != 0) {
            throw xa(XAException.XAER_INVAL, "invalid recover flags " + flag);
        }
        if ((flag & TMSTARTRSCAN) != 0) {
            List<Xid> all = registry.inDoubt();
            scanning = (flag & TMENDRSCAN) == 0;
            return all.toArray(new Xid[0]);
        }
        if (!scanning) {
            throw xa(XAException.XAER_INVAL, "no recovery scan is open (start one with TMSTARTRSCAN)");
        }
        // the whole list was returned when the scan started
        if ((flag & TMENDRSCAN) != 0) {
            scanning = false;
        }
        return new Xid[0];
    }

    @Override
    public void forget(Xid xid) throws XAException {
        throw xa(XAException.XAER_NOTA, "DirStore makes no heuristic decisions; nothing to forget for " + xid);
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other instanceof StoreXAResource o && o.registry.identity().equals(registry.identity());
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    /** Branch timeouts are the transaction manager's business; the store keeps none of its own. */
    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }

    private static XAException xa(int code, String message) {
        XAException e = new XAException(message);
        e.errorCode = code;
        return e;
    }

    private static XAException xa(int code, Throwable cause) {
        XAException e = xa(code, cause.getMessage());
        e.initCause(cause);
        return e;
    }
}
