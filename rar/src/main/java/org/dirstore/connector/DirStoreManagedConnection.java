package org.dirstore.connector;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LazyEnlistableConnectionManager;
import jakarta.resource.spi.LazyEnlistableManagedConnection;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import org.dirstore.store.Store;
import org.dirstore.txn.StoreXAResource;
import org.dirstore.txn.Transaction;

/**
 * A physical connection to a store. It owns one cached {@link StoreXAResource}: while the
 * transaction manager has it associated with a branch (between start and end), every handle of
 * this connection works in that branch's transaction. Otherwise handles work in the connection's
 * local transaction if one is active, or auto-commit each call.
 *
 * <p>Enlistment is lazy: the container does not enlist the connection when a handle is handed
 * out, but when a handle is first used inside a JTA transaction. A connection obtained and not
 * used adds no branch to the transaction, and a handle kept across transactions joins each one
 * it is used in.
 */
final class DirStoreManagedConnection implements ManagedConnection, LazyEnlistableManagedConnection {
    private final DirStoreManagedConnectionFactory mcf;
    private final OpenStore open;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<DirStoreConnectionImpl> handles = ConcurrentHashMap.newKeySet();
    private StoreXAResource xaResource;
    private volatile Transaction localTx;
    private volatile boolean destroyed;
    private volatile boolean destroyWhenClosed;
    private PrintWriter logWriter;

    DirStoreManagedConnection(DirStoreManagedConnectionFactory mcf, OpenStore open) {
        this.mcf = mcf;
        this.open = open;
    }

    Store store() {
        return open.store();
    }

    Path home() {
        return open.settings().home();
    }

    boolean isUsable() {
        return !destroyed;
    }

    void destroyWhenClosed() {
        destroyWhenClosed = true;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        if (destroyed) {
            throw new IllegalStateException("managed connection is destroyed");
        }
        DirStoreConnectionImpl handle = new DirStoreConnectionImpl(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof DirStoreConnectionImpl handle)) {
            throw new ResourceException("not a DirStore connection handle: " + connection);
        }
        DirStoreManagedConnection previous = handle.managedConnection();
        if (previous != this) {
            if (previous != null) {
                previous.handles.remove(handle);
            }
            handle.associate(this);
            handles.add(handle);
        }
    }

    /** Invalidates the handles and ends a local transaction left open; the connection goes back to the pool. */
    @Override
    public void cleanup() throws ResourceException {
        for (DirStoreConnectionImpl h : handles) {
            h.invalidate();
        }
        handles.clear();
        Transaction t = localTx;
        localTx = null;
        if (t != null) {
            t.rollback();
        }
    }

    @Override
    public void destroy() throws ResourceException {
        cleanup();
        destroyed = true;
    }

    @Override
    public synchronized XAResource getXAResource() throws ResourceException {
        if (xaResource == null) {
            xaResource = store().xaResource();
        }
        return xaResource;
    }

    /** The container's local transaction (when deployed with LocalTransaction support): no events. */
    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        return new DirStoreLocalTransaction(this, false);
    }

    @Override
    public ManagedConnectionMetaData getMetaData() throws ResourceException {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "DirStore";
            }

            @Override
            public String getEISProductVersion() {
                return "0.1";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return "";
            }
        };
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /**
     * Runs {@code work} in the current transaction: the associated XA branch, else the local
     * transaction, else a transaction of its own that commits afterwards if {@code writes}.
     */
    <R> R run(boolean writes, Function<Transaction, R> work, ConnectionManager cm) {
        if (destroyed) {
            throw new java.lang.IllegalStateException("the managed connection was destroyed");
        }
        StoreXAResource xa = associated();
        if (xa != null) {
            return work.apply(xa.transaction());
        }
        Transaction local = localTx;
        if (local != null) {
            return work.apply(local);
        }
        if (cm instanceof LazyEnlistableConnectionManager lazy) {
            try {
                lazy.lazyEnlist(this); // enlists (xa.start) if the caller has a JTA transaction, else does nothing
            } catch (ResourceException e) {
                throw new java.lang.IllegalStateException("cannot enlist DirStore in the current transaction: "
                        + e.getMessage(), e);
            }
            xa = associated();
            if (xa != null) {
                return work.apply(xa.transaction());
            }
        }
        try (Transaction auto = store().begin()) {
            R result = work.apply(auto);
            if (writes) {
                auto.commit();
            }
            return result;
        }
    }

    private synchronized StoreXAResource associated() {
        return xaResource != null && xaResource.isAssociated() ? xaResource : null;
    }

    boolean inXaBranch() {
        return associated() != null;
    }

    void beginLocal(boolean fireEvents, Object handle) throws ResourceException {
        if (inXaBranch()) {
            throw new LocalTransactionException("a JTA transaction is active on this connection");
        }
        if (localTx != null) {
            throw new LocalTransactionException("a local transaction is already active");
        }
        localTx = store().begin();
        if (fireEvents) {
            fire(ConnectionEvent.LOCAL_TRANSACTION_STARTED, handle, null);
        }
    }

    void commitLocal(boolean fireEvents, Object handle) throws ResourceException {
        Transaction t = localTx;
        if (t == null) {
            throw new LocalTransactionException("no local transaction is active");
        }
        localTx = null;
        try {
            t.commit();
        } catch (RuntimeException e) {
            LocalTransactionException le = new LocalTransactionException("commit failed: " + e.getMessage());
            le.initCause(e);
            throw le;
        } finally {
            if (fireEvents) {
                fire(ConnectionEvent.LOCAL_TRANSACTION_COMMITTED, handle, null);
            }
        }
    }

    void rollbackLocal(boolean fireEvents, Object handle) throws ResourceException {
        Transaction t = localTx;
        if (t == null) {
            throw new LocalTransactionException("no local transaction is active");
        }
        localTx = null;
        t.rollback();
        if (fireEvents) {
            fire(ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK, handle, null);
        }
    }

    void handleClosed(DirStoreConnectionImpl handle) {
        handles.remove(handle);
        fire(ConnectionEvent.CONNECTION_CLOSED, handle, null);
        if (destroyWhenClosed && handles.isEmpty()) {
            try {
                destroy();
            } catch (ResourceException e) {
                // nothing to release beyond the handles
            }
        }
    }

    void fatal(DirStoreConnectionImpl handle, Exception e) {
        fire(ConnectionEvent.CONNECTION_ERROR_OCCURRED, handle, e);
    }

    private void fire(int type, Object handle, Exception e) {
        ConnectionEvent event = e == null ? new ConnectionEvent(this, type) : new ConnectionEvent(this, type, e);
        if (handle != null) {
            event.setConnectionHandle(handle);
        }
        for (ConnectionEventListener l : listeners) {
            switch (type) {
                case ConnectionEvent.CONNECTION_CLOSED -> l.connectionClosed(event);
                case ConnectionEvent.LOCAL_TRANSACTION_STARTED -> l.localTransactionStarted(event);
                case ConnectionEvent.LOCAL_TRANSACTION_COMMITTED -> l.localTransactionCommitted(event);
                case ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK -> l.localTransactionRolledback(event);
                case ConnectionEvent.CONNECTION_ERROR_OCCURRED -> l.connectionErrorOccurred(event);
                default -> throw new java.lang.IllegalStateException("unknown event " + type);
            }
        }
    }

    DirStoreManagedConnectionFactory factory() {
        return mcf;
    }

}
