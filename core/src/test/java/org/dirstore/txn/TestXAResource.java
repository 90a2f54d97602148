package org.dirstore.txn;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A second resource manager for XA tests: records what the transaction manager asked of it, can
 * vote rollback in prepare, and can halt its JVM in prepare or commit (only where the system
 * property {@code dirstore.test.halt} is set, so a copy recovered from the TM's log does not).
 */
public final class TestXAResource implements XAResource, Serializable {
    private static final long serialVersionUID = 1L;

    public enum Mode { OK, FAIL_PREPARE, HALT_IN_PREPARE, HALT_IN_COMMIT }

    private final Mode mode;
    private final String name;
    public final transient List<String> calls = new CopyOnWriteArrayList<>();

    public TestXAResource(String name, Mode mode) {
        this.name = name;
        this.mode = mode;
    }

    private void log(String s) {
        if (calls != null) {
            calls.add(s);
        }
    }

    private void haltIf(Mode m) {
        if (mode == m && Boolean.getBoolean("dirstore.test.halt")) {
            System.out.println("HALTING in " + m);
            System.out.flush();
            Runtime.getRuntime().halt(7);
        }
    }

    @Override
    public void start(Xid xid, int flags) {
        log("start");
    }

    @Override
    public void end(Xid xid, int flags) {
        log("end");
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        log("prepare");
        haltIf(Mode.HALT_IN_PREPARE);
        if (mode == Mode.FAIL_PREPARE) {
            XAException e = new XAException("test resource votes rollback");
            e.errorCode = XAException.XA_RBROLLBACK;
            throw e;
        }
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        log("commit");
        haltIf(Mode.HALT_IN_COMMIT);
    }

    @Override
    public void rollback(Xid xid) {
        log("rollback");
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public void forget(Xid xid) {
        log("forget");
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }

    @Override
    public String toString() {
        return "TestXAResource[" + name + ", " + mode + "]";
    }
}
