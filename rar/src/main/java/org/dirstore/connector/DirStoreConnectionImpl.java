package org.dirstore.connector;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import jakarta.resource.cci.LocalTransaction;
import jakarta.resource.spi.ConnectionManager;

import org.dirstore.connector.api.DirStoreConnection;
import org.dirstore.connector.api.JsonbCodec;
import org.dirstore.store.RevisionInfo;
import org.dirstore.txn.Transaction;

/**
 * A connection handle: a thin view that forwards to whichever managed connection it is
 * associated with (the container may move it with {@code associateConnection}).
 */
public final class DirStoreConnectionImpl implements DirStoreConnection {
    private volatile DirStoreManagedConnection mc;
    private volatile boolean closed;
    private volatile ConnectionManager cm;

    DirStoreConnectionImpl(DirStoreManagedConnection mc) {
        this.mc = mc;
    }

    DirStoreManagedConnection managedConnection() {
        return mc;
    }

    void associate(DirStoreManagedConnection to) {
        this.mc = to;
    }

    /** The container's connection manager, used for lazy enlistment on first use in a transaction. */
    void connectionManager(ConnectionManager manager) {
        this.cm = manager;
    }

    /** Called by cleanup: the handle is dead, further calls fail. */
    void invalidate() {
        closed = true;
        mc = null;
    }

    private DirStoreManagedConnection live() {
        DirStoreManagedConnection m = mc;
        if (closed || m == null) {
            throw new IllegalStateException("DirStore connection handle is closed");
        }
        return m;
    }

    private <R> R read(Function<Transaction, R> work) {
        return live().run(false, work, cm);
    }

    private void write(Function<Transaction, ?> work) {
        live().run(true, work, cm);
    }

    @Override
    public long newOid() {
        return read(Transaction::newOid);
    }

    @Override
    public Optional<byte[]> read(long oid) {
        return read(t -> t.read(oid));
    }

    @Override
    public <T> Optional<T> readValue(long oid, Class<T> type) {
        JsonbCodec<T> codec = JsonbCodec.of(type);
        return read(t -> t.read(oid, codec));
    }

    @Override
    public void write(long oid, byte[] data, long... refs) {
        write(t -> {
            t.write(oid, data, refs);
            return null;
        });
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void writeValue(long oid, Object value, long... refs) {
        Objects.requireNonNull(value, "value");
        JsonbCodec codec = JsonbCodec.of(value.getClass());
        byte[] data = codec.encode(value);
        write(oid, data, refs);
    }

    @Override
    public void delete(long oid) {
        write(t -> {
            t.delete(oid);
            return null;
        });
    }

    @Override
    public void readCurrent(long oid) {
        read(t -> {
            t.readCurrent(oid);
            return null;
        });
    }

    @Override
    public OptionalLong root(String name) {
        return read(t -> t.root(name));
    }

    @Override
    public void setRoot(String name, long oid) {
        write(t -> {
            t.setRoot(name, oid);
            return null;
        });
    }

    @Override
    public Map<String, Long> roots() {
        return read(Transaction::roots);
    }

    @Override
    public List<RevisionInfo> history(long oid) {
        return live().store().history(oid);
    }

    @Override
    public long lastTid() {
        return live().store().lastTid();
    }

    @Override
    public LocalTransaction getLocalTransaction() {
        DirStoreManagedConnection m = live();
        return new DirStoreLocalTransaction(m, true, this);
    }

    @Override
    public void close() {
        DirStoreManagedConnection m = mc;
        if (closed) {
            return;
        }
        closed = true;
        mc = null;
        if (m != null) {
            m.handleClosed(this);
        }
    }
}
