package org.dirstore.it.support;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A test-only XA resource that halts the JVM in its commit while the marker file exists (deleting
 * it first, so that the commit replayed by recovery after the restart succeeds).
 */
public class HaltingXAResource implements XAResource, Serializable {
    private static final long serialVersionUID = 1L;
    private final String marker;

    public HaltingXAResource(String marker) {
        this.marker = marker;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        try {
            if (Files.deleteIfExists(Path.of(marker))) {
                Runtime.getRuntime().halt(137);
            }
        } catch (IOException e) {
            XAException x = new XAException(XAException.XAER_RMERR);
            x.initCause(e);
            throw x;
        }
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public void forget(Xid xid) {
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public void rollback(Xid xid) {
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }

    @Override
    public void start(Xid xid, int flags) {
    }
}
