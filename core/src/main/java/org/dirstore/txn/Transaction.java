package org.dirstore.txn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.transaction.xa.Xid;
import org.dirstore.format.Revision;
import org.dirstore.format.Strings;
import org.dirstore.format.Write;
import org.dirstore.store.StoreException;

/**
 * A unit of work with snapshot isolation: reads see the store as of {@link #snapshotTid()} plus this
 * transaction's own writes; writes are buffered until commit, where write-write conflicts are
 * detected (first committer wins) and references are checked. Not thread-safe; not bound to a
 * thread either (an XA branch may move between threads).
 */
public final class Transaction implements AutoCloseable {
    /** The root object: it holds the named-root map and references every named root. */
    public static final long ROOT_OID = 0L;

    /** Where a transaction stands. */
    public enum State { ACTIVE, PREPARED, COMMITTED, ROLLED_BACK }

    private final TransactionHost host;
    private final long snapshotTid;
    private final LinkedHashMap<Long, Write> writes = new LinkedHashMap<>();
    private final TreeSet<Long> readCurrent = new TreeSet<>();
    private String user = "";
    private String description = "";
    private State state = State.ACTIVE;
    private boolean rollbackOnly;
    private long tid;

    public Transaction(TransactionHost host, long snapshotTid) {
        this.host = host;
        this.snapshotTid = snapshotTid;
    }

    /** The tid of the last commit this transaction sees. */
    public long snapshotTid() {
        return snapshotTid;
    }

    public State state() {
        return state;
    }

    /** The commit tid, once committed. */
    public long tid() {
        return tid;
    }

    /** A fresh oid, never handed out before in this store. */
    public long newOid() {
        return host.newOid();
    }

    /** The object's bytes as this transaction sees them, or empty if it does not exist (or is deleted). */
    public Optional<byte[]> read(long oid) {
        ensureActive();
        Write own = writes.get(oid);
        if (own != null) {
            return own.deleted() ? Optional.empty() : Optional.of(own.data().clone());
        }
        return host.revisionAt(oid, snapshotTid).filter(r -> !r.deleted()).map(Revision::data);
    }

    public <T> Optional<T> read(long oid, Codec<T> codec) {
        return read(oid).map(codec::decode);
    }

    /** True if the object exists as this transaction sees it. */
    public boolean exists(long oid) {
        return read(oid).isPresent();
    }

    /** Writes a new revision of {@code oid}, declaring the oids it references. */
    public void write(long oid, byte[] data, long... refs) {
        ensureActive();
        if (data == null) {
            throw new IllegalArgumentException("data must not be null; use delete() to remove object " + oid);
        }
        writes.put(oid, new Write(oid, false, refs == null ? new long[0] : refs.clone(), data.clone()));
    }

    public <T> void write(long oid, T value, Codec<T> codec, long... refs) {
        write(oid, codec.encode(value), refs);
    }

    /** Deletes {@code oid}: its history stays readable, reads at later tids see nothing. */
    public void delete(long oid) {
        ensureActive();
        if (oid == ROOT_OID) {
            throw new IllegalArgumentException("the root object cannot be deleted");
        }
        writes.put(oid, Write.deletion(oid));
    }

    /** Adds {@code oid} to the validation set: commit fails if someone else changed it after our snapshot. */
    public void readCurrent(long oid) {
        ensureActive();
        readCurrent.add(oid);
    }

    /** The oid bound to a named root, as this transaction sees it. */
    public OptionalLong root(String name) {
        Long oid = roots().get(name);
        return oid == null ? OptionalLong.empty() : OptionalLong.of(oid);
    }

    /** Binds a named root to {@code oid} (which must exist at commit). */
    public void setRoot(String name, long oid) {
        TreeMap<String, Long> roots = new TreeMap<>(roots());
        roots.put(name, oid);
        writeRoots(roots);
    }

    /** Removes a named root binding. */
    public void removeRoot(String name) {
        TreeMap<String, Long> roots = new TreeMap<>(roots());
        if (roots.remove(name) != null) {
            writeRoots(roots);
        }
    }

    /** All named roots, as this transaction sees them. */
    public Map<String, Long> roots() {
        return read(ROOT_OID).map(Transaction::decodeRoots).orElse(Collections.emptyMap());
    }

    private void writeRoots(TreeMap<String, Long> roots) {
        int size = 4;
        for (String n : roots.keySet()) {
            size += 2 + Strings.utf8(n).length + 8;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(roots.size());
        long[] refs = new long[roots.size()];
        int i = 0;
        for (var e : roots.entrySet()) {
            byte[] n = Strings.utf8(e.getKey());
            b.putShort((short) n.length).put(n).putLong(e.getValue());
            refs[i++] = e.getValue();
        }
        write(ROOT_OID, b.array(), refs);
    }

    /** Decodes the named-root map kept in the root object (format in docs/format.md). */
    public static Map<String, Long> decodeRoots(byte[] data) {
        if (data.length == 0) {
            return Collections.emptyMap();
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        int n = b.getInt();
        TreeMap<String, Long> roots = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byte[] name = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(name);
            roots.put(new String(name, StandardCharsets.UTF_8), b.getLong());
        }
        return Collections.unmodifiableMap(roots);
    }

    public void setUser(String user) {
        this.user = user == null ? "" : user;
    }

    public void setDescription(String description) {
        this.description = description == null ? "" : description;
    }

    public String user() {
        return user;
    }

    public String description() {
        return description;
    }

    /** The buffered writes, in the order first written. */
    public Map<Long, Write> writes() {
        return Collections.unmodifiableMap(writes);
    }

    /** The validation set added by {@link #readCurrent}. */
    public java.util.SortedSet<Long> readCurrentSet() {
        return Collections.unmodifiableSortedSet(readCurrent);
    }

    public boolean isReadOnly() {
        return writes.isEmpty();
    }

    /** Marks the transaction so that it can only roll back (an XA branch ended with TMFAIL). */
    public void setRollbackOnly() {
        rollbackOnly = true;
    }

    public boolean isRollbackOnly() {
        return rollbackOnly;
    }

    /**
     * Commits in one phase; returns the commit tid (the snapshot tid for a transaction that wrote
     * nothing). Throws {@link ConflictException} or {@link DanglingReferenceException}, after which
     * the transaction is rolled back.
     */
    public long commit() {
        ensureActive();
        if (rollbackOnly) {
            state = State.ROLLED_BACK;
            throw new StoreException("transaction is marked rollback-only; it was rolled back");
        }
        try {
            tid = host.commit(this);
            state = State.COMMITTED;
            return tid;
        } catch (RuntimeException e) {
            state = State.ROLLED_BACK;
            throw e;
        }
    }

    /** XA phase one; afterwards only the store's commitPrepared/rollbackPrepared decide. */
    public void prepare(Xid xid) {
        ensureActive();
        if (rollbackOnly) {
            state = State.ROLLED_BACK;
            throw new StoreException("transaction is marked rollback-only; it was rolled back");
        }
        try {
            host.prepare(this, xid);
            state = State.PREPARED;
        } catch (RuntimeException e) {
            state = State.ROLLED_BACK;
            throw e;
        }
    }

    /** Marks a prepared transaction finished (called by the store when its outcome is durable). */
    public void finished(boolean committed, long commitTid) {
        state = committed ? State.COMMITTED : State.ROLLED_BACK;
        tid = commitTid;
    }

    /** Discards an active transaction's writes. */
    public void rollback() {
        if (state == State.ACTIVE) {
            writes.clear();
            state = State.ROLLED_BACK;
        }
    }

    @Override
    public void close() {
        rollback();
    }

    private void ensureActive() {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("transaction is " + state.name().toLowerCase().replace('_', ' '));
        }
    }
}
